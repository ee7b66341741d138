// Connectors and registries live here.

// The standard full introspection query, as GraphiQL and client generators send it: the text the
// reference's `get_introspection_query(descriptions=True, specified_by_url=True,
// directive_is_repeatable=True, input_value_deprecation=True)` produces. `runql schema
// introspect` answers it.

extension Introspection {
    /// The standard full introspection query (named `IntrospectionQuery`).
    public static let fullQuery = """
        query IntrospectionQuery {
          __schema {

            queryType { name }
            mutationType { name }
            subscriptionType { name }
            types {
              ...FullType
            }
            directives {
              name
              description
              isRepeatable
              locations
              args(includeDeprecated: true) {
                ...InputValue
              }
            }
          }
        }

        fragment FullType on __Type {
          kind
          name
          description
          specifiedByURL

          fields(includeDeprecated: true) {
            name
            description
            args(includeDeprecated: true) {
              ...InputValue
            }
            type {
              ...TypeRef
            }
            isDeprecated
            deprecationReason
          }
          inputFields(includeDeprecated: true) {
            ...InputValue
          }
          interfaces {
            ...TypeRef
          }
          enumValues(includeDeprecated: true) {
            name
            description
            isDeprecated
            deprecationReason
          }
          possibleTypes {
            ...TypeRef
          }
        }

        fragment InputValue on __InputValue {
          name
          description
          type { ...TypeRef }
          defaultValue
          isDeprecated
          deprecationReason
        }

        fragment TypeRef on __Type {
          kind
          name
          ofType {
            kind
            name
            ofType {
              kind
              name
              ofType {
                kind
                name
                ofType {
                  kind
                  name
                  ofType {
                    kind
                    name
                    ofType {
                      kind
                      name
                      ofType {
                        kind
                        name
                        ofType {
                          kind
                          name
                          ofType {
                            kind
                            name
                          }
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
        """
}

extension ExecutableSchema {
    /// The response to `Introspection.fullQuery`: `{"data":{"__schema":...}}`.
    public func introspect() async -> ExecutionResult {
        await execute(query: Introspection.fullQuery)
    }
}

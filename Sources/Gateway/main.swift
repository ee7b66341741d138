// The `runql` command line entry point.
print("runql: not yet serving")

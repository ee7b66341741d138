// What the developer commands share: reading files, loading the schema, printing JSON answers.

import Foundation
import GraphQLKit

struct CommandFailure: Error, CustomStringConvertible {
    let message: String
    /// 1 for a GraphQL error the user's input caused, 2 for misuse of the command.
    let status: Int32
    var description: String { message }
}

enum CommandSupport {
    /// The project's SDL folder, relative to the working directory (the repository root).
    static let defaultSchemaPath = "Schema"

    static func readText(_ path: String) throws(CommandFailure) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure(message: "cannot read \(path)", status: 2)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CommandFailure(message: "\(path) is not UTF-8 text", status: 2)
        }
        return text
    }

    static func readJSON(_ path: String) throws(CommandFailure) -> JSONValue {
        let text = try readText(path)
        do { return try JSONParser.parse(text) } catch {
            throw CommandFailure(message: "\(path): \(error)", status: 2)
        }
    }

    /// The SDL sources at `path`: one file, or every `.graphql` file in a folder (sorted by name).
    static func schemaSources(at path: String) throws(CommandFailure) -> [Source] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CommandFailure(message: "no schema at \(path)", status: 2)
        }
        guard isDirectory.boolValue else { return [Source(try readText(path), name: path)] }
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: path) } catch {
            throw CommandFailure(message: "cannot list \(path): \(error)", status: 2)
        }
        var sources: [Source] = []
        for name in names.sorted() where name.hasSuffix(".graphql") || name.hasSuffix(".graphqls") {
            let file = (path as NSString).appendingPathComponent(name)
            sources.append(Source(try readText(file), name: file))
        }
        guard !sources.isEmpty else { throw CommandFailure(message: "no .graphql files in \(path)", status: 2) }
        return sources
    }

    /// Builds and validates the schema; its errors name file, line and column.
    static func loadSchema(at path: String) throws(CommandFailure) -> Schema {
        let sources = try schemaSources(at: path)
        do { return try Schema(sources: sources) } catch {
            throw CommandFailure(message: "invalid schema:\n\(error)", status: 1)
        }
    }

    /// The configuration file (`--config`, else `RUNQL_CONFIG`, else none) with `RUNQL_*`
    /// overrides; every problem found, one per line, when it is invalid (exit status 2).
    static func configuration(flag: String?, environment: [String: String]) throws(CommandFailure) -> GatewayConfiguration {
        do {
            return try ConfigurationLoader.load(path: ConfigurationLoader.configPath(flag: flag, environment: environment), environment: environment)
        } catch {
            throw CommandFailure(message: "invalid configuration:\n" + error.problems.map { "  " + $0 }.joined(separator: "\n"), status: 2)
        }
    }

    /// An executable schema whose fields read keys of their parent values, validating every document.
    static func executableSchema(
        _ schema: Schema, resolvers: [String: FieldResolver] = [:], typeResolvers: [String: TypeResolver] = [:]
    ) throws(CommandFailure) -> ExecutableSchema {
        do {
            let validator = Validator(schema: schema)
            return try ExecutableSchema(
                schema: schema, resolvers: resolvers, typeResolvers: typeResolvers, defaultResolvers: .everywhere,
                validate: { _, document, source in
                validateRequest(validator, document, source)
            })
        } catch {
            throw CommandFailure(message: "\(error)", status: 1)
        }
    }

    /// How RunQL validates every request: the specification's rules plus the reference
    /// implementation's MaxIntrospectionDepth (graphql-js 16.9+ and graphql-core run it with
    /// them), with a validator prepared once per schema and the source for lines and columns.
    static func validateRequest(_ validator: Validator, _ document: Document, _ source: Source?) -> [GraphQLError] {
        validator.validate(document, source: source, rules: recommendedRules)
    }

    /// `{"errors":[...]}`, with an empty list when there are none.
    static func errorsJSON(_ errors: [GraphQLError]) -> String {
        errors.isEmpty ? "{\"errors\":[]}\n" : ExecutionResult(errors: errors).json + "\n"
    }
}

/// What a command prints and its exit status; `main` writes it out (tests read it directly).
struct CommandResult: Sendable {
    var status: Int32
    var output: String = ""
    var errorOutput: String = ""

    init(status: Int32, output: String = "", errorOutput: String = "") {
        self.status = status
        self.output = output
        self.errorOutput = errorOutput
    }

    init(failure: CommandFailure, command: String) {
        self.init(status: failure.status, errorOutput: "runql \(command): \(failure.message)\n")
    }
}

/// `--name value` options after a subcommand, plus positional arguments.
struct CommandOptions {
    var values: [String: String] = [:]
    var positional: [String] = []

    init(_ arguments: [String], known: Set<String>) throws(CommandFailure) {
        var i = 0
        while i < arguments.count {
            let argument = arguments[i]
            if argument.hasPrefix("--") {
                let name = String(argument.dropFirst(2))
                guard known.contains(name) else { throw CommandFailure(message: "unknown option \(argument)", status: 2) }
                guard i + 1 < arguments.count else { throw CommandFailure(message: "\(argument) needs a value", status: 2) }
                values[name] = arguments[i + 1]
                i += 2
            } else {
                positional.append(argument)
                i += 1
            }
        }
    }
}

// The CMS Run Registry's tables exactly as its Sequelize models create them (freezeTableName,
// so quoted CamelCase names), so RunQL can be pointed at a replica of a real RR database.
// Everything is idempotent: applying twice changes nothing.

/// Creates the Run Registry's tables (and its `mergejsonb` aggregate) in the connection's
/// current schema.
public enum CMSMigrations {
    /// RR's own layout, in dependency order. Sequelize's `createdAt`/`updatedAt` appear where RR's
    /// models keep timestamps (Version, Cycle, DatasetsAccepted, Workspace tables do not).
    public static let statements: [String] = [
        // RR's shallow merge (views/run.sql): `$1 || $2` folded left, so later rows win per key.
        """
        CREATE OR REPLACE AGGREGATE mergejsonb(jsonb) (SFUNC = jsonb_concat, STYPE = jsonb, INITCOND = '{}')
        """,
        """
        CREATE TABLE IF NOT EXISTS "Version" (
            atomic_version SERIAL PRIMARY KEY,
            "by" TEXT NOT NULL,
            comment TEXT,
            "createdAt" TIMESTAMPTZ NOT NULL DEFAULT now(),
            "updatedAt" TIMESTAMPTZ NOT NULL DEFAULT now())
        """,
        """
        CREATE TABLE IF NOT EXISTS "Event" (
            version SERIAL PRIMARY KEY,
            atomic_version INTEGER NOT NULL REFERENCES "Version" (atomic_version))
        """,
        """
        CREATE TABLE IF NOT EXISTS "RunEvent" (
            version INTEGER PRIMARY KEY REFERENCES "Event" (version),
            run_number INTEGER NOT NULL,
            oms_metadata JSONB NOT NULL DEFAULT '{}',
            rr_metadata JSONB NOT NULL DEFAULT '{}',
            deleted BOOLEAN NOT NULL DEFAULT false,
            manual_change BOOLEAN NOT NULL DEFAULT false)
        """,
        """
        CREATE TABLE IF NOT EXISTS "DatasetEvent" (
            version INTEGER PRIMARY KEY REFERENCES "Event" (version),
            run_number INTEGER NOT NULL,
            name TEXT NOT NULL,
            dataset_metadata JSONB NOT NULL DEFAULT '{}',
            datasets_in_gui JSONB NOT NULL DEFAULT '[]',
            deleted BOOLEAN NOT NULL DEFAULT false)
        """,
        """
        CREATE TABLE IF NOT EXISTS "JSONBDeduplication" (
            id SERIAL PRIMARY KEY,
            jsonb JSONB NOT NULL,
            unique_hash TEXT NOT NULL UNIQUE)
        """,
        """
        CREATE TABLE IF NOT EXISTS "LumisectionEvent" (
            version INTEGER PRIMARY KEY REFERENCES "Event" (version),
            run_number INTEGER NOT NULL,
            name TEXT NOT NULL,
            lumisection_metadata_id INTEGER NOT NULL REFERENCES "JSONBDeduplication" (id),
            manual_change BOOLEAN NOT NULL DEFAULT false)
        """,
        #"CREATE INDEX IF NOT EXISTS "LumisectionEvent_run_number_name" ON "LumisectionEvent" (run_number, name)"#,
        """
        CREATE TABLE IF NOT EXISTS "LumisectionEventAssignation" (
            version INTEGER NOT NULL REFERENCES "LumisectionEvent" (version),
            lumisection_number INTEGER NOT NULL,
            PRIMARY KEY (version, lumisection_number))
        """,
        """
        CREATE TABLE IF NOT EXISTS "OMSLumisectionEvent" (
            version INTEGER PRIMARY KEY REFERENCES "Event" (version),
            run_number INTEGER NOT NULL,
            name TEXT NOT NULL,
            lumisection_metadata_id INTEGER NOT NULL REFERENCES "JSONBDeduplication" (id))
        """,
        """
        CREATE TABLE IF NOT EXISTS "OMSLumisectionEventAssignation" (
            version INTEGER NOT NULL REFERENCES "OMSLumisectionEvent" (version),
            lumisection_number INTEGER NOT NULL,
            PRIMARY KEY (version, lumisection_number))
        """,
        """
        CREATE TABLE IF NOT EXISTS "Run" (
            run_number INTEGER PRIMARY KEY,
            oms_attributes JSONB NOT NULL DEFAULT '{}',
            rr_attributes JSONB NOT NULL DEFAULT '{}',
            version INTEGER NOT NULL,
            deleted BOOLEAN NOT NULL DEFAULT false)
        """,
        #"CREATE INDEX IF NOT EXISTS "run_version" ON "Run" (version)"#,
        #"CREATE INDEX IF NOT EXISTS "run_deleted" ON "Run" (deleted)"#,
        """
        CREATE TABLE IF NOT EXISTS "Dataset" (
            run_number INTEGER NOT NULL REFERENCES "Run" (run_number),
            name TEXT NOT NULL,
            dataset_attributes JSONB NOT NULL DEFAULT '{}',
            datasets_in_gui JSONB NOT NULL DEFAULT '[]',
            deleted BOOLEAN NOT NULL DEFAULT false,
            version INTEGER NOT NULL,
            PRIMARY KEY (run_number, name))
        """,
        """
        CREATE TABLE IF NOT EXISTS "DatasetTripletCache" (
            run_number INTEGER NOT NULL,
            name TEXT NOT NULL,
            triplet_summary JSONB NOT NULL DEFAULT '{}',
            dcs_summary JSONB NOT NULL DEFAULT '{}',
            rr_ranges JSONB NOT NULL DEFAULT '{}',
            dcs_ranges JSONB NOT NULL DEFAULT '{}',
            brilcalc_recorded_luminosity DOUBLE PRECISION,
            brilcalc_delivered_luminosity DOUBLE PRECISION,
            version INTEGER NOT NULL,
            PRIMARY KEY (run_number, name),
            FOREIGN KEY (run_number, name) REFERENCES "Dataset" (run_number, name))
        """,
        """
        CREATE TABLE IF NOT EXISTS "Workspace" (
            id SERIAL PRIMARY KEY,
            workspace TEXT NOT NULL,
            online_or_offline TEXT NOT NULL)
        """,
        """
        CREATE TABLE IF NOT EXISTS "WorkspaceColumn" (
            id SERIAL PRIMARY KEY,
            id_workspace INTEGER NOT NULL REFERENCES "Workspace" (id),
            name TEXT NOT NULL)
        """,
        """
        CREATE TABLE IF NOT EXISTS "Cycle" (
            id_cycle SERIAL PRIMARY KEY,
            cycle_name TEXT NOT NULL,
            cycle_attributes JSONB NOT NULL DEFAULT '{}',
            deadline TIMESTAMPTZ,
            deleted BOOLEAN NOT NULL DEFAULT false,
            "createdAt" TIMESTAMPTZ NOT NULL DEFAULT now(),
            "updatedAt" TIMESTAMPTZ NOT NULL DEFAULT now())
        """,
        """
        CREATE TABLE IF NOT EXISTS "CycleDataset" (
            id_cycle INTEGER NOT NULL REFERENCES "Cycle" (id_cycle),
            run_number INTEGER NOT NULL,
            name TEXT NOT NULL,
            PRIMARY KEY (id_cycle, run_number, name),
            FOREIGN KEY (run_number, name) REFERENCES "Dataset" (run_number, name))
        """,
        """
        CREATE TABLE IF NOT EXISTS "DatasetsAccepted" (
            id SERIAL PRIMARY KEY,
            name TEXT NOT NULL,
            regexp TEXT NOT NULL,
            enabled BOOLEAN NOT NULL DEFAULT true,
            class TEXT NOT NULL,
            run_from INTEGER NOT NULL,
            run_to INTEGER NOT NULL,
            "createdAt" TIMESTAMPTZ NOT NULL DEFAULT now(),
            "updatedAt" TIMESTAMPTZ NOT NULL DEFAULT now())
        """,
    ]

    /// Indexes RunQL adds beyond RR's own, for its batched lookups. Optional: every query is
    /// correct without them; they only keep big registries fast.
    public static let runQLIndexes: [String] = [
        #"CREATE INDEX IF NOT EXISTS "runql_OMSLumisectionEvent_run_number_name" ON "OMSLumisectionEvent" (run_number, name)"#,
        #"CREATE INDEX IF NOT EXISTS "runql_RunEvent_run_number" ON "RunEvent" (run_number)"#,
        #"CREATE INDEX IF NOT EXISTS "runql_DatasetEvent_run_number_name" ON "DatasetEvent" (run_number, name)"#,
        #"CREATE INDEX IF NOT EXISTS "runql_Dataset_name" ON "Dataset" (name text_pattern_ops, run_number)"#,
        #"CREATE INDEX IF NOT EXISTS "runql_Run_start_time" ON "Run" ((oms_attributes->>'start_time'))"#,
    ]

    /// The Run Registry tables in RR's layout, created if missing (in one transaction).
    public static func apply(_ pool: PostgresPool) async throws(PostgresError) {
        let statements = Self.statements
        try await pool.transaction { tx throws(PostgresError) in
            for sql in statements { try tx.query(sql) }
        }
    }

    /// RunQL's optional extra indexes (`runQLIndexes`), created if missing.
    public static func applyRunQLIndexes(_ pool: PostgresPool) async throws(PostgresError) {
        let statements = Self.runQLIndexes
        try await pool.transaction { tx throws(PostgresError) in
            for sql in statements { try tx.query(sql) }
        }
    }
}

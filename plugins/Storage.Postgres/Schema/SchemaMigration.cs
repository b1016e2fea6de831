namespace Webhooks.Modular.Storage.Postgres.Schema;

/// <summary>One step of the schema, applied once per schema and recorded in <c>schema_version</c>.</summary>
/// <param name="Version">Its place in the order; versions only ever grow.</param>
/// <param name="Name">A short description, recorded for whoever inspects the database.</param>
/// <param name="Sql">
/// The statements to run, with unqualified table names: the migrator sets <c>search_path</c> to the plugin's
/// schema for the transaction.
/// </param>
internal sealed record SchemaMigration(int Version, string Name, string Sql);

namespace Webhooks.Modular.Storage.Sqlite.Schema;

/// <summary>One step of the schema, applied once per database and recorded in <c>schema_migrations</c>.</summary>
/// <param name="Version">Its place in the order; versions only ever grow.</param>
/// <param name="Name">A short description, recorded for whoever inspects the database.</param>
/// <param name="Sql">The statements to run, inside one transaction.</param>
internal sealed record SchemaMigration(int Version, string Name, string Sql);

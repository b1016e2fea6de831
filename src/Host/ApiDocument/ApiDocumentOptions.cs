namespace Webhooks.Modular.Host.ApiDocument;

/// <summary>
/// The <c>ApiDocument</c> configuration section: the OpenAPI document and its browser. Both are on by default (the
/// demo's API page); set <c>ApiDocument:Enabled=false</c> (or <c>ApiDocument__Enabled=false</c>) to switch both off.
/// </summary>
internal sealed class ApiDocumentOptions
{
    public const string Section = "ApiDocument";

    /// <summary>The document's route; <c>{documentName}</c> is <see cref="DocumentName"/>.</summary>
    public const string DocumentRoute = "/openapi/{documentName}.json";

    public const string DocumentName = "v1";

    public const string BrowserPrefix = "/scalar";

    /// <summary>Serve <c>/openapi/v1.json</c> (and, unless <see cref="Browser"/> is false, <c>/scalar</c>).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Serve the Scalar API browser at <c>/scalar</c>; it reads the document, so it needs <see cref="Enabled"/>.</summary>
    public bool Browser { get; set; } = true;
}

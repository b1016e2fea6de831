using Webhooks.Modular.Core.Tests.Interop;

namespace Webhooks.Modular.Core.Tests.Host.ApiDocument;

/// <summary>A test that runs <c>redocly</c> from <c>tests/Interop/node</c>; skipped, with the reason, when node or the package is missing.</summary>
public sealed class RedoclyFactAttribute : FactAttribute
{
    public RedoclyFactAttribute()
    {
        if (NodePeer.MissingReason is { } reason)
        {
            Skip = reason;
        }
        else if (!File.Exists(ApiDocumentLintTests.RedoclyCli))
        {
            Skip = $"redocly lint skipped: {ApiDocumentLintTests.RedoclyCli} is missing (run `npm ci --prefix tests/Interop/node`, as .ci/run does)";
        }
    }
}

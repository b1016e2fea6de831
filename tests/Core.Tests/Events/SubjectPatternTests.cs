using Webhooks.Modular.Core.Events;

namespace Webhooks.Modular.Core.Tests.Events;

public sealed class SubjectPatternTests
{
    [Theory]
    [InlineData("event.webhook.github", "event.webhook.github", true)]
    [InlineData("event.webhook.github", "event.webhook.gitlab", false)]
    [InlineData("event.webhook.*", "event.webhook.github", true)]
    [InlineData("event.webhook.*", "event.webhook", false)]
    [InlineData("event.webhook.*", "event.webhook.a.b", false)]
    [InlineData("event.*.github", "event.webhook.github", true)]
    [InlineData("event.>", "event.webhook.github", true)]
    [InlineData("event.>", "event.webhook", true)]
    [InlineData("event.>", "event", false)]
    [InlineData(">", "run.completed", true)]
    [InlineData("run.completed", "run.completed.extra", false)]
    public void Wildcards_match_one_or_many_tokens(string pattern, string subject, bool matches)
    {
        var parsed = SubjectPattern.TryParse(pattern, allowWildcards: true, out var error);

        Assert.Null(error);
        Assert.Equal(matches, parsed!.Matches(subject));
    }

    [Theory]
    [InlineData("event..webhook", true, "empty token")]
    [InlineData("event.webhook.", true, "empty token")]
    [InlineData("event.>.x", true, "'>' may only be the last token")]
    [InlineData("event.web hook", true, "letters, digits")]
    [InlineData("event.*", false, "wildcard")]
    [InlineData("", true, "1 to 256")]
    public void Bad_subjects_say_what_is_wrong(string pattern, bool allowWildcards, string problem)
    {
        Assert.Null(SubjectPattern.TryParse(pattern, allowWildcards, out var error));
        Assert.Contains(problem, error);
    }
}

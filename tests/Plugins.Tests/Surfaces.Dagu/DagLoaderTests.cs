using Webhooks.Modular.Surfaces.Dagu.Dags;

namespace Webhooks.Modular.Plugins.Tests.Surfaces.Dagu;

public sealed class DagLoaderTests : IDisposable
{
    private readonly DagFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("my-dag", true)]
    [InlineData("Build_2", true)]
    [InlineData("a", true)]
    [InlineData("", false)]
    [InlineData("my.dag", false)]
    [InlineData("../secrets", false)]
    [InlineData("dir/dag", false)]
    [InlineData("has space", false)]
    [InlineData("dág", false)]
    public void Dag_names_are_letters_digits_underscore_and_dash(string name, bool valid) =>
        Assert.Equal(valid, DagNames.IsValid(name));

    [Fact]
    public void Dag_names_leave_room_for_the_hook_prefix()
    {
        Assert.True(DagNames.IsValid(new string('a', 95)));
        Assert.False(DagNames.IsValid(new string('a', 96)));
        Assert.Equal("dagu.my-dag", DagNames.HookName("my-dag"));
        Assert.Equal("dag:my-dag", DagNames.TokenScope("my-dag"));
    }

    [Fact]
    public void The_file_name_is_the_dag_name_with_yaml_or_yml()
    {
        _folder.Write("first.yaml", "steps: [ { command: 'true' } ]");
        _folder.Write("second.yml", "steps: [ { command: 'true' } ]");
        _folder.Write("third.txt", "steps: [ { command: 'true' } ]");
        var loader = new DagLoader(_folder.Path);

        Assert.True(loader.Exists("first"));
        Assert.True(loader.Exists("second"));
        Assert.False(loader.Exists("third"));
        Assert.False(loader.Exists("missing"));
        Assert.False(loader.Exists("../" + Path.GetFileName(_folder.Path) + "/first"));
    }

    [Fact]
    public void Steps_are_read_in_order_with_id_then_name_then_position()
    {
        _folder.Write("my-dag.yaml", """
            description: ignored, as are other Dagu keys
            schedule: "0 * * * *"
            steps:
              - id: inspect_webhook
                name: not the id
                command: |
                  echo "$WEBHOOK_PAYLOAD" | jq .
                  echo "$WEBHOOK_PAYLOAD" | jq -r '.branch'
              - name: build
                command: make
              - command: echo done
            """);

        var loaded = new DagLoader(_folder.Path).Load("my-dag");

        Assert.Null(loaded.Error);
        var dag = loaded.Dag!;
        Assert.Equal("my-dag", dag.Name);
        Assert.Equal(["inspect_webhook", "build", "step3"], dag.Steps.Select(s => s.Id));
        Assert.Equal("echo \"$WEBHOOK_PAYLOAD\" | jq .\necho \"$WEBHOOK_PAYLOAD\" | jq -r '.branch'\n", dag.Steps[0].Command);
        Assert.Equal("make", dag.Steps[1].Command);
    }

    [Fact]
    public void Invalid_yaml_is_reported_with_the_file_and_line()
    {
        var file = _folder.Write("broken.yaml", "steps:\n  - id: a\n    command: [unclosed\n");

        var loaded = new DagLoader(_folder.Path).Load("broken");

        Assert.Null(loaded.Dag);
        Assert.StartsWith($"{file}: line ", loaded.Error);
        Assert.Contains("invalid YAML", loaded.Error);
    }

    [Theory]
    [InlineData("", "a DAG must be a YAML mapping with 'steps'")]
    [InlineData("- just\n- a list\n", "a DAG must be a YAML mapping with 'steps'")]
    [InlineData("name: no steps here\n", "'steps' must be a list of steps")]
    [InlineData("steps: run everything\n", "'steps' must be a list of steps")]
    [InlineData("steps: []\n", "'steps' is empty")]
    [InlineData("steps:\n  - echo hi\n", "step 1 must be a mapping with 'command'")]
    [InlineData("steps:\n  - id: a\n", "step 'a' has no 'command'")]
    [InlineData("steps:\n  - id: a\n    command: '  '\n", "step 'a' has no 'command'")]
    [InlineData("steps:\n  - id: a\n    command: x\n  - id: a\n    command: y\n", "step id 'a' is used twice")]
    public void A_dag_without_usable_steps_is_refused_with_the_reason(string yaml, string reason)
    {
        _folder.Write("bad.yaml", yaml);

        var loaded = new DagLoader(_folder.Path).Load("bad");

        Assert.Null(loaded.Dag);
        Assert.Contains(reason, loaded.Error);
    }

    [Fact]
    public void A_missing_dag_is_an_error_not_an_exception()
    {
        var loaded = new DagLoader(_folder.Path).Load("nowhere");

        Assert.Null(loaded.Dag);
        Assert.Contains("DAG 'nowhere' not found", loaded.Error);
    }
}

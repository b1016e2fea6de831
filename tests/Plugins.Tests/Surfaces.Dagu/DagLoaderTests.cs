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
}

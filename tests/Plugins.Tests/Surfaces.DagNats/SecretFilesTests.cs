using Webhooks.Modular.Surfaces.DagNats.Triggers;

namespace Webhooks.Modular.Plugins.Tests.Surfaces.DagNats;

public sealed class SecretFilesTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("dagnats-secrets-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_secret_replacing_a_readable_leftover_file_is_still_owner_only()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var secrets = new SecretFiles(Path.Combine(_directory, "nested", "secrets"));
        Directory.CreateDirectory(secrets.Directory);
        File.WriteAllText(secrets.PathOf("github-push"), "old");
        File.SetUnixFileMode(secrets.PathOf("github-push"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        secrets.Write("github-push", "new");

        Assert.Equal("new", File.ReadAllText(secrets.PathOf("github-push")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(secrets.PathOf("github-push")));
        Assert.Equal(["github-push.secret"], Directory.GetFiles(secrets.Directory).Select(Path.GetFileName));
    }

    [Fact]
    public void Deleting_removes_the_file_and_a_missing_one_or_folder_is_fine()
    {
        new SecretFiles(Path.Combine(_directory, "never-created")).Delete("a");
        var secrets = new SecretFiles(_directory);
        secrets.Write("a", "s");

        secrets.Delete("a");
        secrets.Delete("a");

        Assert.False(File.Exists(secrets.PathOf("a")));
        Assert.Equal(Path.Combine(_directory, "a.secret"), secrets.PathOf("a"));
    }
}

using System.Runtime.Loader;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Webhooks.Modular.Abstractions.Plugins;
using Webhooks.Modular.Core.Configuration;
using Webhooks.Modular.Core.Plugins;
using Webhooks.Modular.Core.Tests.Infrastructure;

namespace Webhooks.Modular.Core.Tests.Plugins;

public sealed class PluginLoaderTests
{
    private static readonly IConfiguration NoSettings = new ConfigurationBuilder().Build();

    [Fact]
    public void Folder_plugin_loads_into_its_own_collectible_context_sharing_the_contract()
    {
        var deployment = new DeploymentModel { File = "test.json" };
        deployment.Plugins.Add(new PluginEntry("Greeting", RepoPaths.Plugin("Fixture.GreetingPlugin"), null, NoSettings, "plugins:0"));

        var plugin = Assert.Single(new PluginLoader().Load(deployment));

        Assert.NotNull(plugin.LoadContext);
        Assert.True(plugin.LoadContext!.IsCollectible);
        Assert.Same(plugin.LoadContext, AssemblyLoadContext.GetLoadContext(plugin.Plugin.GetType().Assembly));
        Assert.NotSame(AssemblyLoadContext.Default, plugin.LoadContext);
        // Types unify: the plugin's contract assembly is the host's.
        Assert.Same(typeof(IWebhookPlugin).Assembly, plugin.LoadContext.Assemblies.Concat(AssemblyLoadContext.Default.Assemblies)
            .First(a => a.GetName().Name == "Webhooks.Modular.Abstractions"));
        Assert.DoesNotContain(plugin.LoadContext.Assemblies, a => a.GetName().Name == "Webhooks.Modular.Abstractions");
    }

    [Fact]
    public void Native_library_of_a_folder_plugin_resolves_from_the_plugin_folder()
    {
        var deployment = new DeploymentModel { File = "test.json" };
        deployment.Plugins.Add(new PluginEntry("Storage.Sqlite", RepoPaths.Plugin("Storage.Sqlite"), null, NoSettings, "plugins:0"));
        var plugin = Assert.Single(new PluginLoader().Load(deployment));

        var nativePath = plugin.LoadContext!.ResolveNativeLibraryPath("e_sqlite3");

        Assert.NotNull(nativePath);
        Assert.StartsWith(RepoPaths.Plugin("Storage.Sqlite"), nativePath);
    }

    [Fact]
    public void Sqlite_is_shared_with_a_host_that_has_it_so_one_native_copy_holds_the_locks()
    {
        var shared = new SharedAssemblies();

        // This test process references Microsoft.Data.Sqlite itself, like an app embedding the engine.
        Assert.True(shared.IsShared(new System.Reflection.AssemblyName("Microsoft.Data.Sqlite")));
        Assert.True(shared.IsShared(new System.Reflection.AssemblyName("SQLitePCLRaw.core")));
        Assert.True(shared.IsShared(new System.Reflection.AssemblyName("Webhooks.Modular.Abstractions")));
        Assert.False(shared.IsShared(new System.Reflection.AssemblyName("YamlDotNet")));
        Assert.False(shared.IsShared(new System.Reflection.AssemblyName("Webhooks.Modular.Storage.Sqlite")));
    }

    [Fact]
    public void Plugins_are_ordered_after_their_dependencies()
    {
        var deployment = InProcess(("C", ["B"]), ("A", []), ("B", ["A"]));

        var order = new PluginLoader().Load(deployment).Select(p => p.Context.Name);

        Assert.Equal(["A", "B", "C"], order);
    }

    [Fact]
    public void Unknown_dependency_is_refused_naming_both_plugins()
    {
        var deployment = InProcess(("A", ["Missing"]));

        var error = Assert.Throws<PluginConfigurationException>(() => new PluginLoader().Load(deployment));

        Assert.Equal("A", error.Owner);
        Assert.Equal("dependsOn", error.Key);
        Assert.Contains("'Missing'", error.Message);
    }

    [Fact]
    public void Dependency_cycle_is_refused_naming_the_cycle()
    {
        var deployment = InProcess(("A", ["B"]), ("B", ["C"]), ("C", ["A"]));

        var error = Assert.Throws<PluginConfigurationException>(() => new PluginLoader().Load(deployment));

        Assert.Contains("dependency cycle: A -> B -> C -> A", error.Message);
    }

    [Fact]
    public void Same_plugin_listed_twice_is_refused()
    {
        var deployment = InProcess(("A", []), ("A", []));

        var error = Assert.Throws<PluginConfigurationException>(() => new PluginLoader().Load(deployment));

        Assert.Equal("plugins:1:name", error.Key);
    }

    [Theory]
    [InlineData("1.0.0", "1.0.0", true)]
    [InlineData("1.0.0", "1.3.0", true)]
    [InlineData("1.4.0", "1.3.0", false)]
    [InlineData("2.0.0", "1.9.0", false)]
    [InlineData("0.9.0", "1.0.0", false)]
    public void Abstractions_versions_are_compatible_within_a_major_up_to_the_hosts_minor(string plugin, string host, bool compatible)
    {
        Assert.Equal(compatible, AbstractionsCompatibility.IsCompatible(Version.Parse(plugin), Version.Parse(host)));
    }

    [Fact]
    public void Referenced_abstractions_version_is_read_without_loading_the_plugin()
    {
        var future = Path.Combine(RepoPaths.Plugin("Fixture.FuturePlugin"), "Fixture.FuturePlugin.dll");
        var greeting = Path.Combine(RepoPaths.Plugin("Fixture.GreetingPlugin"), "Fixture.GreetingPlugin.dll");

        Assert.Equal(new Version(2, 0, 0, 0), AbstractionsCompatibility.ReferencedVersion(future));
        Assert.Equal(AbstractionsCompatibility.HostVersion, AbstractionsCompatibility.ReferencedVersion(greeting));
        Assert.DoesNotContain(AssemblyLoadContext.All.SelectMany(c => c.Assemblies), a => a.GetName().Name == "Fixture.FuturePlugin");
    }

    private static DeploymentModel InProcess(params (string Name, string[] DependsOn)[] plugins)
    {
        var deployment = new DeploymentModel { File = "test.json" };
        foreach (var (name, dependsOn) in plugins)
        {
            deployment.Plugins.Add(new PluginEntry(name, null, new StubPlugin(dependsOn), NoSettings, $"plugins:{deployment.Plugins.Count}"));
        }

        return deployment;
    }

    private sealed class StubPlugin(string[] dependsOn) : IWebhookPlugin
    {
        public IReadOnlyList<string> DependsOn => dependsOn;

        public void ConfigureServices(IServiceCollection services, PluginContext context)
        {
        }

        public void MapEndpoints(IEndpointRouteBuilder endpoints, PluginContext context)
        {
        }
    }
}

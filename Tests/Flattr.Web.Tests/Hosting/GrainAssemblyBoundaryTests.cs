using Flattr.Hosting;

namespace Flattr.Web.Tests.Hosting;

public sealed class GrainAssemblyBoundaryTests
{
    [Fact]
    public void The_web_assembly_does_not_reference_the_grain_assembly()
    {
        var web = typeof(Flattr.Web.Operator.OperatorCommands).Assembly;
        var references = web.GetReferencedAssemblies().Select(name => name.Name).ToList();

        Assert.Contains("Flattr.Grains.Interfaces", references);
        Assert.DoesNotContain(FlattrGrainsModule.AssemblyName, references);
    }

    [Fact]
    public void The_grain_assembly_ships_beside_the_web_and_is_found_by_name()
    {
        var module = FlattrGrainsModule.Load();

        Assert.Equal(FlattrGrainsModule.AssemblyName, module.GetType().Assembly.GetName().Name);
    }
}

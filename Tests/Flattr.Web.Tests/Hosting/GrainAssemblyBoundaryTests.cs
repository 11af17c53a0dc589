namespace Flattr.Web.Tests.Hosting;

/// <summary>
/// The web talks to grains through their interfaces only: it compiles against Flattr.Grains.Interfaces and never against
/// the grain classes of Flattr.Grains (the silo host brings those in; a cluster-client web runs without them).
/// </summary>
public sealed class GrainAssemblyBoundaryTests
{
    const string GrainAssembly = "Flattr.Grains";

    [Fact]
    public void The_web_assembly_references_the_grain_interfaces_and_not_the_grain_assembly()
    {
        var web = typeof(Flattr.Web.Operator.OperatorCommands).Assembly;
        var references = web.GetReferencedAssemblies().Select(name => name.Name).ToList();

        Assert.Contains("Flattr.Grains.Interfaces", references);
        Assert.DoesNotContain(GrainAssembly, references);
    }
}

namespace Silo.Testing.Hosting;

/// <summary>Configures the silo of a <see cref="TestSiloFixture{TConfigurator}"/>; needs a parameterless constructor.</summary>
public interface ITestSiloConfigurator
{
    void Configure(TestSiloBuilder silo);
}

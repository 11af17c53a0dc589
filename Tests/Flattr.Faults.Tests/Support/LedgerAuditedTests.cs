namespace Flattr.Faults.Tests.Support;

/// <summary>
/// Base of the tests on the shared app: after every test, whatever it did, the ledger audit must pass (every transaction sums
/// to zero, stored balances equal the entries). xunit disposes the test class after each test and fails the test if this throws.
/// </summary>
public abstract class LedgerAuditedTests(FaultsApp app) : IAsyncLifetime
{
    /// <summary>The shared app (the real Flattr in-process on Kestrel, with its own database).</summary>
    protected FaultsApp App { get; } = app;

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync() => await Invariants.AssertLedgerAuditOkAsync(App.Database);
}

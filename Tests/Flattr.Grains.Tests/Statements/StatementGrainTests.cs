using Flattr.Grains.Tests.Grains;
using Flattr.Statements;

namespace Flattr.Grains.Tests.Statements;

/// <summary>The statement grain on the two-silo cluster: which months have a statement, and what an open month already shows.</summary>
public sealed class StatementGrainTests(FlattrCluster cluster) : IClassFixture<FlattrCluster>
{
    Month Now => Month.Current(cluster.Clock);

    [Fact]
    public async Task Months_before_the_account_was_opened_and_after_the_current_one_have_no_statement()
    {
        var user = await cluster.CreateGiverAsync(budgetCents: 300, depositCents: 2000);
        var statements = cluster.Grains.GetStatements(user);

        Assert.Null(await statements.GetGiverStatement(Now.Previous()));
        Assert.Null(await statements.GetCreatorStatement(Now.Previous()));
        Assert.Null(await statements.GetGiverStatement(Now.Next()));
        Assert.Null(await statements.GetCreatorStatement(Now.Next()));
        Assert.NotNull(await statements.GetCreatorStatement(Now));

        // The open month already accounts for the deposit made in it: its fee is the only line and the whole spend.
        var open = await statements.GetGiverStatement(Now);
        Assert.NotNull(open);
        Assert.Equal(Wallets.MonthStatus.Open, open.Status);
        var fee = Assert.Single(open.Lines);
        Assert.Equal((GiverStatementLineKind.DepositFee, 200L, 2000L), (fee.Kind, fee.AmountCents, fee.DepositCents));
        Assert.Equal(Now, Month.Of(fee.DepositedAt!.Value));
        Assert.Equal(200, open.SpentCents);
    }

    [Fact]
    public async Task An_unknown_user_has_no_statements_at_all()
    {
        var missing = await Assert.ThrowsAsync<FlattrException>(() => cluster.Grains.GetStatements(long.MaxValue - 7).GetGiverStatement(Now));
        Assert.Equal(FlattrErrors.NotFound, missing.Code);
    }
}

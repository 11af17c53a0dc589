using Flattr.Web.Tests.Support;

namespace Flattr.Web.Tests.Statements;

/// <summary>The tests that move the clock of one <see cref="MonthlyApp"/> (policy <c>charity</c>), one after the other.</summary>
[CollectionDefinition(Name)]
public sealed class MonthlyAppCollection : ICollectionFixture<MonthlyApp>, ICollectionFixture<Browser>
{
    public const string Name = "monthly app";
}

namespace Flattr.Faults.Tests.Soak;

/// <summary>How long and how hard the soak runs, and how soon idle grains are collected.</summary>
public sealed record SoakOptions
{
    public TimeSpan Load { get; init; } = TimeSpan.FromMinutes(3);

    public TimeSpan SampleEvery { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Orleans' CollectionAge for the app under test (Flattr:Silo:GrainCollection:CollectionAge): how long a grain stays idle
    /// before it is collected. Orleans requires it to be longer than <see cref="CollectionQuantum"/>.
    /// </summary>
    public TimeSpan CollectionAge { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Orleans' CollectionQuantum (Flattr:Silo:GrainCollection:CollectionQuantum): how often idle grains are looked for.</summary>
    public TimeSpan CollectionQuantum { get; init; } = TimeSpan.FromSeconds(5);

    public int Givers { get; init; } = 20;

    public int Creators { get; init; } = 5;

    public int ThingsPerCreator { get; init; } = 20;

    /// <summary>Pause of each load worker between its requests (6 workers): about 6 / pause requests per second in all.</summary>
    public TimeSpan Pace { get; init; } = TimeSpan.FromMilliseconds(40);

    public int Seed { get; init; } = 1122;

    /// <summary>The short variant the CI runs (the test), seconds instead of minutes.</summary>
    public static SoakOptions Short { get; } = new()
    {
        Load = TimeSpan.FromSeconds(24),
        SampleEvery = TimeSpan.FromSeconds(3),
        CollectionAge = TimeSpan.FromSeconds(4),
        CollectionQuantum = TimeSpan.FromSeconds(1),
        Givers = 10,
        Creators = 3,
        ThingsPerCreator = 10,
        Pace = TimeSpan.FromMilliseconds(60),
    };
}

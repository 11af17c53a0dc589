using Silo.Postgres.Reminders;
using Silo.Reminders;

namespace Silo.Postgres.Tests.Reminders;

/// <summary>The reminders table against a real database: CRUD with versions as ETags, one service at a time.</summary>
public sealed class PostgresReminderTableTests(SiloSchemaDatabase fixture) : IClassFixture<SiloSchemaDatabase>
{
    static readonly DateTimeOffset Start = new(2026, 3, 31, 23, 59, 30, TimeSpan.Zero);

    readonly string _serviceId = "reminders-" + Guid.NewGuid().ToString("N");

    PostgresReminderTable Table => new(fixture.Database.DataSource, _serviceId);

    [Fact]
    public async Task Upsert_inserts_at_version_one_then_bumps_the_version()
    {
        var id = NewGrain();

        var first = await Table.UpsertAsync(new ReminderEntry(id, "settle", Start, TimeSpan.FromMinutes(1), null), CancellationToken.None);
        var second = await Table.UpsertAsync(new ReminderEntry(id, "settle", Start.AddHours(1), TimeSpan.FromMinutes(5), first), CancellationToken.None);

        Assert.Equal("1", first);
        Assert.Equal("2", second);
        var stored = await Table.ReadAsync(id, "settle", CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Equal(Start.AddHours(1), stored.StartAt);
        Assert.Equal(TimeSpan.FromMinutes(5), stored.Period);
        Assert.Equal("2", stored.ETag);
    }

    [Fact]
    public async Task Read_returns_the_same_instant_whatever_offset_it_was_given_in()
    {
        var id = NewGrain();
        var inParis = new DateTimeOffset(2026, 4, 1, 1, 59, 30, TimeSpan.FromHours(2));

        await Table.UpsertAsync(new ReminderEntry(id, "tick", inParis, TimeSpan.FromSeconds(90), null), CancellationToken.None);
        var stored = await Table.ReadAsync(id, "tick", CancellationToken.None);

        Assert.NotNull(stored);
        Assert.Equal(inParis, stored.StartAt);
        Assert.Equal(TimeSpan.Zero, stored.StartAt.Offset);
        Assert.Equal(id, stored.GrainId);
        Assert.Equal(TimeSpan.FromSeconds(90), stored.Period);
    }

    [Fact]
    public async Task Read_of_a_missing_reminder_is_null()
    {
        Assert.Null(await Table.ReadAsync(NewGrain(), "nothing", CancellationToken.None));
    }

    [Fact]
    public async Task Read_all_returns_every_reminder_of_this_service_and_no_other()
    {
        var a = NewGrain();
        var b = new GrainId(new GrainType("Settlement"), GrainKey.FromString("2026-03"));
        var c = new GrainId(new GrainType("Wallet"), GrainKey.FromInteger(7, "2026-03"));
        await Table.UpsertAsync(new ReminderEntry(a, "one", Start, TimeSpan.FromMinutes(1), null), CancellationToken.None);
        await Table.UpsertAsync(new ReminderEntry(a, "two", Start, TimeSpan.FromMinutes(2), null), CancellationToken.None);
        await Table.UpsertAsync(new ReminderEntry(b, "one", Start, TimeSpan.FromMinutes(3), null), CancellationToken.None);
        await Table.UpsertAsync(new ReminderEntry(c, "one", Start, TimeSpan.FromMinutes(4), null), CancellationToken.None);
        var otherService = new PostgresReminderTable(fixture.Database.DataSource, "someone-else-" + Guid.NewGuid().ToString("N"));
        await otherService.UpsertAsync(new ReminderEntry(a, "theirs", Start, TimeSpan.FromMinutes(1), null), CancellationToken.None);

        var all = await Table.ReadAllAsync(CancellationToken.None);

        Assert.Equal(
            new HashSet<(GrainId, string)> { (a, "one"), (a, "two"), (b, "one"), (c, "one") },
            all.Select(e => (e.GrainId, e.ReminderName)).ToHashSet());
        Assert.Equal(4, all.Count);
        Assert.DoesNotContain(all, e => e.ReminderName == "theirs");
    }

    [Fact]
    public async Task Remove_with_the_current_etag_deletes_the_reminder()
    {
        var id = NewGrain();
        var eTag = await Table.UpsertAsync(new ReminderEntry(id, "r", Start, TimeSpan.FromMinutes(1), null), CancellationToken.None);

        Assert.True(await Table.RemoveAsync(id, "r", eTag, CancellationToken.None));
        Assert.Null(await Table.ReadAsync(id, "r", CancellationToken.None));
    }

    [Fact]
    public async Task Remove_with_a_stale_etag_keeps_the_reminder()
    {
        var id = NewGrain();
        var stale = await Table.UpsertAsync(new ReminderEntry(id, "r", Start, TimeSpan.FromMinutes(1), null), CancellationToken.None);
        await Table.UpsertAsync(new ReminderEntry(id, "r", Start, TimeSpan.FromMinutes(2), stale), CancellationToken.None);

        Assert.False(await Table.RemoveAsync(id, "r", stale, CancellationToken.None));
        Assert.Equal("2", (await Table.ReadAsync(id, "r", CancellationToken.None))?.ETag);
    }

    [Fact]
    public async Task Remove_without_etag_deletes_whatever_the_version()
    {
        var id = NewGrain();
        await Table.UpsertAsync(new ReminderEntry(id, "r", Start, TimeSpan.FromMinutes(1), null), CancellationToken.None);
        await Table.UpsertAsync(new ReminderEntry(id, "r", Start, TimeSpan.FromMinutes(1), null), CancellationToken.None);

        Assert.True(await Table.RemoveAsync(id, "r", null, CancellationToken.None));
        Assert.False(await Table.RemoveAsync(id, "r", null, CancellationToken.None));
    }

    [Fact]
    public async Task Reminders_of_an_all_digit_string_key_and_an_integer_key_are_apart()
    {
        var type = new GrainType("Digits" + Guid.NewGuid().ToString("N"));
        var asString = new GrainId(type, GrainKey.FromString("42"));
        var asInteger = new GrainId(type, GrainKey.FromInteger(42));
        await Table.UpsertAsync(new ReminderEntry(asString, "r", Start, TimeSpan.FromMinutes(1), null), CancellationToken.None);
        await Table.UpsertAsync(new ReminderEntry(asInteger, "r", Start, TimeSpan.FromMinutes(9), null), CancellationToken.None);

        Assert.Equal(TimeSpan.FromMinutes(1), (await Table.ReadAsync(asString, "r", CancellationToken.None))?.Period);
        Assert.Equal(TimeSpan.FromMinutes(9), (await Table.ReadAsync(asInteger, "r", CancellationToken.None))?.Period);
    }

    static GrainId NewGrain() => new(new GrainType("Account"), GrainKey.FromGuid(Guid.NewGuid()));
}

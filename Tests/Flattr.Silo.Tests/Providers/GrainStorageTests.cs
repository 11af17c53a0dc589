using Flattr.Silo.Tests.TestGrains;
using Flattr.Testing.Orleans;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Flattr.Silo.Tests.Providers;

/// <summary>
/// Orleans grain state in PostgreSQL (the ADO.NET provider as "Default", our OrleansStorage table and statements): state
/// outlives its activation and the whole cluster, a write with a stale ETag is refused without touching the newer state,
/// and clearing leaves no state behind.
/// </summary>
public sealed class GrainStorageTests(GrainStorageTests.Cluster cluster) : IClassFixture<GrainStorageTests.Cluster>
{
    public sealed class Cluster : FlattrClusterFixture
    {
        protected override short InitialSilosCount => 1;

        protected override string ServiceId => "grain-storage-tests";

        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Flattr:Settlement:StartMonthEndReminder", "false")];

        /// <summary>The silo's "Default" grain storage itself: what a grain's <see cref="IPersistentState{T}"/> writes through.</summary>
        public IGrainStorage Storage =>
            (Cluster.Primary as InProcessSiloHandle ?? throw new InvalidOperationException("The test cluster's silos run in this process."))
                .SiloHost.Services.GetRequiredKeyedService<IGrainStorage>(PersistentNoteGrain.StorageName);
    }

    /// <summary>A fresh note. Its key is no Guid or number: the provider would store such a string key as one (in GrainIdN0/N1).</summary>
    IPersistentNoteGrain NewNote() => cluster.GrainFactory.GetGrain<IPersistentNoteGrain>("note-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task State_written_by_a_grain_survives_its_deactivation_and_a_restart_of_the_whole_cluster()
    {
        var note = NewNote();
        var written = await note.Write("kept across activations");

        await note.Deactivate();
        var reactivated = await note.Read();

        Assert.NotEqual(written.Activation, reactivated.Activation);
        Assert.Equal(("kept across activations", written.ETag, true), (reactivated.Text, reactivated.ETag, reactivated.RecordExists));

        await cluster.RestartClusterAsync();
        var afterRestart = await cluster.GrainFactory.GetGrain<IPersistentNoteGrain>(note.GetPrimaryKeyString()).Read();

        Assert.Equal(("kept across activations", written.ETag, true), (afterRestart.Text, afterRestart.ETag, afterRestart.RecordExists));
        Assert.Equal(1L, await RowsAsync(note));
    }

    [Fact]
    public async Task A_write_with_a_stale_ETag_throws_InconsistentStateException_and_keeps_the_newer_state()
    {
        var note = NewNote();
        await note.Write("first");
        var stale = await ReadStorageAsync(note);
        Assert.Equal("first", stale.State?.Text);
        var newer = await note.Write("second");
        Assert.NotEqual(stale.ETag, newer.ETag);

        stale.State!.Text = "written over the newer state";
        await Assert.ThrowsAsync<InconsistentStateException>(() => cluster.Storage.WriteStateAsync(PersistentNoteGrain.StateName, note.GetGrainId(), stale));

        var stored = await ReadStorageAsync(note);
        Assert.Equal(("second", newer.ETag), (stored.State?.Text, stored.ETag));
        await note.Deactivate();
        Assert.Equal("second", (await note.Read()).Text);
    }

    [Fact]
    public async Task A_grain_whose_state_was_written_behind_its_back_fails_its_next_write_and_a_new_activation_reads_the_newer_state()
    {
        var note = NewNote();
        var before = await note.Write("the grain's version");
        var other = await ReadStorageAsync(note);
        other.State!.Text = "another writer's version";
        await cluster.Storage.WriteStateAsync(PersistentNoteGrain.StateName, note.GetGrainId(), other);

        await Assert.ThrowsAsync<InconsistentStateException>(() => note.Write("the grain's stale write"));

        var after = await note.Read();
        Assert.NotEqual(before.Activation, after.Activation);
        Assert.Equal(("another writer's version", other.ETag), (after.Text, after.ETag));
    }

    [Fact]
    public async Task Clearing_state_leaves_no_state_for_this_or_a_later_activation_and_a_stale_ETag_cannot_write_it_back()
    {
        var note = NewNote();
        await note.Write("to be cleared");
        var beforeClear = await ReadStorageAsync(note);

        var cleared = await note.Clear();

        Assert.Equal((null, false), (cleared.Text, cleared.RecordExists));
        await note.Deactivate();
        var reactivated = await note.Read();
        Assert.NotEqual(cleared.Activation, reactivated.Activation);
        Assert.Equal((null, false), (reactivated.Text, reactivated.RecordExists));
        beforeClear.State!.Text = "resurrected";
        await Assert.ThrowsAsync<InconsistentStateException>(() => cluster.Storage.WriteStateAsync(PersistentNoteGrain.StateName, note.GetGrainId(), beforeClear));
        Assert.Null((await ReadStorageAsync(note)).State?.Text);
    }

    async Task<GrainState<NoteState>> ReadStorageAsync(IPersistentNoteGrain note)
    {
        var state = new GrainState<NoteState>(new NoteState());
        await cluster.Storage.ReadStateAsync(PersistentNoteGrain.StateName, note.GetGrainId(), state);
        return state;
    }

    /// <summary>The rows of this note in OrleansStorage (a string-keyed grain's key is its extension string).</summary>
    async Task<long> RowsAsync(IPersistentNoteGrain note)
    {
        await using var command = cluster.DataSource.CreateCommand(
            "SELECT count(*) FROM orleansstorage WHERE serviceid = 'grain-storage-tests' AND graintypestring = $1 AND grainidextensionstring = $2");
        command.Parameters.Add(new() { Value = PersistentNoteGrain.StateName });
        command.Parameters.Add(new() { Value = note.GetPrimaryKeyString() });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

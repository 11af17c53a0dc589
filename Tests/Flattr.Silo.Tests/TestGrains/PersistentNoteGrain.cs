using Orleans;
using Orleans.Runtime;

namespace Flattr.Silo.Tests.TestGrains;

/// <summary>A note kept as Orleans grain state in the "Default" storage (the ADO.NET provider on PostgreSQL).</summary>
[Alias("Flattr.Silo.Tests.IPersistentNoteGrain")]
public interface IPersistentNoteGrain : IGrainWithStringKey
{
    Task<NoteView> Read();

    Task<NoteView> Write(string text);

    Task<NoteView> Clear();

    /// <summary>Deactivates after this call: the next call runs in a new activation, which reads the state from storage.</summary>
    Task Deactivate();
}

/// <summary>What one activation holds: the note, the storage's ETag, whether a record exists, and which activation answered.</summary>
[GenerateSerializer, Immutable, Alias("Flattr.Silo.Tests.NoteView")]
public sealed record NoteView(string? Text, string? ETag, bool RecordExists, Guid Activation);

/// <summary>The state as stored.</summary>
[GenerateSerializer, Alias("Flattr.Silo.Tests.NoteState")]
public sealed class NoteState
{
    [Id(0)]
    public string? Text { get; set; }
}

public sealed class PersistentNoteGrain(
    [PersistentState(PersistentNoteGrain.StateName, PersistentNoteGrain.StorageName)] IPersistentState<NoteState> note)
    : Grain, IPersistentNoteGrain
{
    public const string StateName = "note";
    public const string StorageName = "Default";

    readonly Guid _activation = Guid.NewGuid();

    public Task<NoteView> Read() => Task.FromResult(View());

    public async Task<NoteView> Write(string text)
    {
        note.State.Text = text;
        await note.WriteStateAsync();
        return View();
    }

    public async Task<NoteView> Clear()
    {
        await note.ClearStateAsync();
        return View();
    }

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    NoteView View() => new(note.State.Text, note.Etag, note.RecordExists, _activation);
}

namespace Silo.Reminders;

public interface IGrainReminder
{
    string ReminderName { get; }
}

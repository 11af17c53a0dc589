using System.Text;

namespace Flattr.Faults.Tests.Support;

/// <summary>A <see cref="TextWriter"/> onto xunit's test output, line by line (for code that also prints to the console).</summary>
public sealed class TestOutputWriter(ITestOutputHelper output) : TextWriter
{
    readonly StringBuilder _line = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        if (value == '\n')
        {
            output.WriteLine(_line.ToString().TrimEnd('\r'));
            _line.Clear();
        }
        else
        {
            _line.Append(value);
        }
    }
}

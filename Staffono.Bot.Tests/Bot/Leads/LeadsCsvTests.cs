using System.Globalization;
using System.Text;
using Staffono.Bot.Hosting;
using Staffono.Bot.Leads;
using Staffono.Bot.Tests.Support;
using Staffono.Skills.Leads;
using Xunit;

namespace Staffono.Bot.Tests.Bot.Leads;

/// <summary>
/// The leads export: a header and one row per lead, fields quoted by RFC 4180 when they hold a comma, a quote or a line
/// break, anything a spreadsheet would run as a formula defused (while a phone number stays a phone number), Cyrillic
/// intact, and a file written with a UTF-8 byte order mark. Rows are read back with an RFC 4180 reader of the test's own.
/// </summary>
public sealed class LeadsCsvTests : IDisposable
{
    private const string Header = "id,name,phone,email,chat,source,project,stage,tier,score,summary,answers,created_utc,updated_utc";

    /// <summary>Noon in Moscow, 09:00 UTC.</summary>
    private static readonly DateTimeOffset Created = new(2026, 12, 1, 12, 0, 0, TimeSpan.FromHours(3));

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static Lead Sample(string id, string? name = "Анна Петрова", string? phone = "+7 916 123-45-67", string summary = "Cleaning; place: Химки") => new(
        id,
        new LeadContact(name, phone, "anna@example.com", "webchat/dl_anna"),
        "webchat",
        "cleaning",
        new Dictionary<string, string> { ["location"] = "Химки", ["budget"] = "30000" },
        LeadTier.A,
        90,
        summary,
        LeadStage.MeetingBooked,
        [new LeadHistoryEntry(Created, "first message")],
        Created,
        Created.AddMinutes(5));

    private static async Task<string> WriteAsync(params Lead[] leads)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\r\n" };
        await LeadsCsv.WriteAsync(leads, writer);
        return writer.ToString();
    }

    [Fact]
    public async Task The_header_comes_first_then_one_row_per_lead_in_the_order_given()
    {
        var csv = await WriteAsync(Sample("L-1002"), Sample("L-1001") with { Tier = null, Score = null, Stage = LeadStage.New, Answers = new Dictionary<string, string>() });

        Assert.Equal(
            Header + "\r\n"
            + "L-1002,Анна Петрова,+7 916 123-45-67,anna@example.com,webchat/dl_anna,webchat,cleaning,meeting_booked,A,90,Cleaning; place: Химки,budget=30000; location=Химки,2026-12-01 09:00:00,2026-12-01 09:05:00\r\n"
            + "L-1001,Анна Петрова,+7 916 123-45-67,anna@example.com,webchat/dl_anna,webchat,cleaning,new,,,Cleaning; place: Химки,,2026-12-01 09:00:00,2026-12-01 09:05:00\r\n",
            csv);
    }

    [Fact]
    public async Task No_leads_is_the_header_alone()
    {
        Assert.Equal(Header + "\r\n", await WriteAsync());
    }

    [Fact]
    public async Task Commas_quotes_and_line_breaks_are_quoted_and_read_back_as_they_were()
    {
        var summary = "Said \"today, please\",\nthen: «лучше завтра»\r\nand left";
        var csv = await WriteAsync(Sample("L-1001", name: "Петрова, Анна", summary: summary), Sample("L-1002", name: "Boris \"Bob\""));

        Assert.Contains("\"Петрова, Анна\"", csv, StringComparison.Ordinal);
        Assert.Contains("\"Boris \"\"Bob\"\"\"", csv, StringComparison.Ordinal);
        Assert.Contains("\"Said \"\"today, please\"\",\nthen: «лучше завтра»\r\nand left\"", csv, StringComparison.Ordinal);

        var rows = ReadCsv(csv);

        Assert.Equal(3, rows.Count);
        Assert.All(rows, row => Assert.Equal(14, row.Count));
        Assert.Equal(("L-1001", "Петрова, Анна", summary), (rows[1][0], rows[1][1], rows[1][10]));
        Assert.Equal(("L-1002", "Boris \"Bob\""), (rows[2][0], rows[2][1]));
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example\",\"click\")", "'=HYPERLINK(\"http://evil.example\",\"click\")")]
    [InlineData("=1+2", "'=1+2")]
    [InlineData("@SUM(A1:A9)", "'@SUM(A1:A9)")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0")]
    [InlineData("+7 916 123-45-67", "+7 916 123-45-67")]
    [InlineData("+7 (916) 123-45-67", "+7 (916) 123-45-67")]
    [InlineData("Анна = клиент", "Анна = клиент")]
    public async Task A_value_a_spreadsheet_would_run_is_defused_and_a_phone_is_left_as_it_is(string value, string exported)
    {
        var csv = await WriteAsync(Sample("L-1001", name: value, phone: value));

        var row = ReadCsv(csv)[1];

        Assert.Equal((exported, exported), (row[1], row[2]));
    }

    [Fact]
    public async Task The_export_command_writes_a_file_with_a_utf8_byte_order_mark_that_reads_back_whole()
    {
        var store = new SqliteLeadStore(SharedSqliteFile.At(_folder.File("crm.db")));
        await store.SaveAsync(new LeadChange(new LeadContact("Анна Петрова", "+7 916 123-45-67", null, "webchat/dl_anna"), "webchat", "first", "cleaning",
            new Dictionary<string, string> { ["location"] = "Химки" }, LeadTier.A, 90, "Уборка, Химки", LeadStage.Qualified), Created);
        await store.SaveAsync(new LeadChange(new LeadContact("Борис", "+7 903 000-11-22", null, null), "telegram", "first", "repair"), Created.AddMinutes(1));
        var path = _folder.File("leads.csv");
        using var output = new StringWriter(CultureInfo.InvariantCulture);

        var code = await LeadsCsv.RunAsync(store, path, output);

        Assert.Equal(0, code);
        var bytes = await File.ReadAllBytesAsync(path);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var rows = ReadCsv(new UTF8Encoding(false).GetString(bytes, 3, bytes.Length - 3));
        Assert.Equal(Header.Split(','), rows[0]);
        Assert.Equal(["L-1002", "L-1001"], rows.Skip(1).Select(r => r[0]));
        Assert.Equal(("Борис", "telegram", "repair", "new"), (rows[1][1], rows[1][5], rows[1][6], rows[1][7]));
        Assert.Equal(("Анна Петрова", "Уборка, Химки", "location=Химки", "qualified", "A", "90"), (rows[2][1], rows[2][10], rows[2][11], rows[2][7], rows[2][8], rows[2][9]));
        Assert.Contains($"2 leads written to {Path.GetFullPath(path)}", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_export_command_without_a_file_writes_to_the_output_without_a_byte_order_mark()
    {
        var store = new SqliteLeadStore(SharedSqliteFile.At(_folder.File("crm.db")));
        await store.SaveAsync(new LeadChange(new LeadContact("Вера", null, "vera@example.com", null), "webchat", "first"), Created);
        using var output = new StringWriter(CultureInfo.InvariantCulture);

        var code = await LeadsCsv.RunAsync(store, null, output);

        Assert.Equal(0, code);
        var text = output.ToString();
        Assert.StartsWith("id,name,", text, StringComparison.Ordinal);
        Assert.Equal("Вера", ReadCsv(text)[1][1]);
        Assert.False(File.Exists(_folder.File("leads.csv")));
    }

    /// <summary>RFC 4180: fields split by commas, records by line breaks outside quotes, "" inside quotes is one quote.</summary>
    private static List<List<string>> ReadCsv(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c != '"')
                {
                    field.Append(c);
                }
                else if (i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else
                {
                    quoted = false;
                }
            }
            else if (c == '"')
            {
                if (field.Length > 0)
                {
                    Assert.Fail($"A quote inside an unquoted field: {field}");
                }

                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n' || c == '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                row.Add(field.ToString());
                field.Clear();
                rows.Add(row);
                row = [];
            }
            else
            {
                field.Append(c);
            }
        }

        Assert.False(quoted, "A quoted field is never closed.");
        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            rows.Add(row);
        }

        return rows;
    }
}

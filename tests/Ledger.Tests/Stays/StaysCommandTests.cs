using System.Text.Json;
using Ledger.Stays.CommandLine;

namespace Ledger.Tests.Stays;

/// <summary>The `stays` verbs, run in-process exactly as Program.cs runs them (no database involved).</summary>
public class StaysCommandTests
{
    private const string History = "entry,exit,country\n2023-12-01,2024-01-29,FR\n";

    private static (int Exit, string Out, string Err) Run(string stdin, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = StaysCommand.Run(args, new StringReader(stdin), output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void Check_prints_exactly_one_json_object_with_the_contract_fields()
    {
        var (exit, output, error) = Run(History, "check", "--on", "2024-05-01", "--json", "-");
        Assert.Equal(0, exit);
        Assert.Empty(error);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal("schengen", json.GetProperty("regime").GetString());
        Assert.Equal("2024-05-01", json.GetProperty("on").GetString());
        Assert.Equal("2023-11-04", json.GetProperty("windowStart").GetString());
        Assert.Equal("2024-05-01", json.GetProperty("windowEnd").GetString());
        Assert.Equal(60, json.GetProperty("daysUsed").GetInt32());
        Assert.Equal(30, json.GetProperty("daysRemaining").GetInt32());
        Assert.Equal(0, json.GetProperty("overstayDays").GetInt32());
        Assert.Equal("2024-07-29", json.GetProperty("stayUntil").GetString());
        Assert.Equal(0, json.GetProperty("violations").GetArrayLength());
    }

    [Fact]
    public void Plan_and_earliest_answer_in_json()
    {
        var plan = JsonDocument.Parse(Run(History, "plan", "--enter", "2024-05-01", "--json", "-").Out).RootElement;
        Assert.Equal(90, plan.GetProperty("maxStayDays").GetInt32());
        Assert.Equal("2024-07-29", plan.GetProperty("lastDay").GetString());

        var earliest = JsonDocument.Parse(Run(History, "earliest", "--days", "90", "--from", "2024-03-01", "--json", "-").Out).RootElement;
        // No presence may remain in the 90 days before entry: 2024-01-29 + 91 days.
        Assert.Equal("2024-04-29", earliest.GetProperty("earliestEntry").GetString());
    }

    [Fact]
    public void A_permit_removes_its_days()
    {
        var (_, output, _) = Run(History, "check", "--on", "2024-05-01", "--permit", "FR:2024-01-01:2024-01-29", "--json", "-");
        Assert.Equal(31, JsonDocument.Parse(output).RootElement.GetProperty("daysUsed").GetInt32());
    }

    [Theory]
    [InlineData("entry,exit,country\n2024-01-05,2024-01-01,FR\n", "line 2")]
    [InlineData("entry,exit,country\n2024-01-05,,Narnia\n", "line 2")]
    [InlineData("entry,exit,country\n2024-01-01,2024-01-02,FR\n2024-13-05,,FR\n", "line 3")]
    [InlineData("entry,exit,country\n2024-01-05,FR\n", "line 2")]
    [InlineData("from,to,where\n", "line 1")]
    [InlineData("", "line 1")]
    public void Bad_input_exits_non_zero_with_one_line_naming_the_row_and_nothing_on_stdout(string csv, string row)
    {
        var (exit, output, error) = Run(csv, "check", "--on", "2024-05-01", "-");
        Assert.NotEqual(0, exit);
        Assert.Empty(output);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Contains(row, error);
    }

    [Theory]
    [InlineData("check", "--on", "2024-02-30", "-")]
    [InlineData("check", "--on", "2012-06-01", "-")]
    [InlineData("check", "-")]
    [InlineData("check", "--on", "2024-05-01", "--regime", "mars", "-")]
    [InlineData("earliest", "--days", "91", "--from", "2024-05-01", "-")]
    [InlineData("check", "--on", "2024-05-01", "/no/such/file.csv")]
    public void Bad_options_exit_non_zero_with_one_line(params string[] args)
    {
        var (exit, output, error) = Run(History, args);
        Assert.NotEqual(0, exit);
        Assert.Empty(output);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Fact]
    public void A_complete_file_is_lawful_with_both_figures_equal_and_no_anomalies()
    {
        var json = JsonDocument.Parse(Run(History, "check", "--on", "2024-05-01", "--json", "-").Out).RootElement;
        Assert.Equal((60, "lawful", 0), (json.GetProperty("daysUsedIfPresent").GetInt32(), json.GetProperty("determination").GetString(),
            json.GetProperty("anomalies").GetArrayLength()));
    }

    [Fact]
    public void Two_open_stays_in_one_area_are_a_missing_exit_and_the_json_says_so()
    {
        var (exit, output, error) = Run("entry,exit,country\n2024-01-01,,FR\n2024-03-01,,DE\n", "check", "--on", "2024-05-01", "--json", "-");
        Assert.Equal(0, exit);
        Assert.Empty(error);
        var json = JsonDocument.Parse(output).RootElement;
        // Present: 2024-01-01, and 2024-03-01 .. 2024-05-01 (62). Uncertain: 2024-01-02 .. 2024-02-29 (59).
        Assert.Equal((63, 122, "undetermined"),
            (json.GetProperty("daysUsed").GetInt32(), json.GetProperty("daysUsedIfPresent").GetInt32(), json.GetProperty("determination").GetString()));
        var anomaly = Assert.Single(json.GetProperty("anomalies").EnumerateArray());
        Assert.Equal(("missingExit:line2+line3", "missingExit", "2024-01-02", "2024-02-29"),
            (anomaly.GetProperty("anomalyId").GetString(), anomaly.GetProperty("kind").GetString(),
             anomaly.GetProperty("uncertainFrom").GetString(), anomaly.GetProperty("uncertainTo").GetString()));
        Assert.True(json.GetProperty("uncertainCountedAsPresent").GetBoolean());
    }

    [Fact]
    public void A_row_with_an_empty_entry_is_an_exit_with_no_known_entry()
    {
        var json = JsonDocument.Parse(Run("entry,exit,country\n,2024-03-10,FR\n", "check", "--on", "2024-05-01", "--json", "-").Out).RootElement;
        // Uncertain: the exit day and the 89 days before it; nothing is certainly present.
        Assert.Equal((0, 90, "lawful"),
            (json.GetProperty("daysUsed").GetInt32(), json.GetProperty("daysUsedIfPresent").GetInt32(), json.GetProperty("determination").GetString()));
        Assert.Equal("missingEntry:line2", Assert.Single(json.GetProperty("anomalies").EnumerateArray()).GetProperty("anomalyId").GetString());

        var human = Run("entry,exit,country\n,2024-03-10,FR\n", "check", "--on", "2024-05-01", "-").Out;
        Assert.Contains("anomaly:        missingEntry:line2", human);
        var (code, output, error) = Run("entry,exit,country\n,,FR\n", "check", "--on", "2024-05-01", "-");
        Assert.Equal((2, ""), (code, output));
        Assert.Contains("line 2", error);
    }
}

/// <summary>`stays itinerary`: the itinerary check on files, the same answer as POST /itineraries/check.</summary>
public class StaysItineraryCommandTests
{
    [Fact]
    public void Itinerary_answers_per_leg_in_json_and_names_the_bad_line()
    {
        var dir = Directory.CreateTempSubdirectory("stays-itinerary");
        try
        {
            var legs = Path.Combine(dir.FullName, "legs.csv");
            var history = Path.Combine(dir.FullName, "history.csv");
            File.WriteAllText(legs, "country,from,to\nES,2025-07-01,2025-07-30\nGB,2025-08-01,2025-08-10\n");
            File.WriteAllText(history, "entry,exit,country\n2025-06-01,2025-06-10,IT\n");
            var output = new StringWriter();
            var error = new StringWriter();
            var exit = StaysCommand.Run(["itinerary", "--nationality", "CN", "--visa", "v1:FR:C:multiple:2025-06-01:2025-09-01:30", "--json", legs, history],
                new StringReader(""), output, error);
            Assert.Equal(0, exit);
            Assert.Empty(error.ToString());
            var spain = JsonDocument.Parse(output.ToString()).RootElement.GetProperty("legs")[0];
            Assert.Equal("durationOfStay", spain.GetProperty("lacking")[0].GetString());
            Assert.Equal("2025-07-20", spain.GetProperty("latestLawfulLastDay").GetString());

            File.WriteAllText(legs, "country,from,to\nES,2025-07-30,2025-07-01\n");
            var bad = new StringWriter();
            var badOut = new StringWriter();
            Assert.Equal(2, StaysCommand.Run(["itinerary", "--nationality", "CN", legs, history], new StringReader(""), badOut, bad));
            Assert.Contains("legs line 2", bad.ToString());
            Assert.Empty(badOut.ToString());
        }
        finally { dir.Delete(recursive: true); }
    }
}

using Marten;

namespace Ledger.Imports;

/// <summary>
/// <c>Ledger:Imports</c>: how big an import may be and how it is cut into transactions. (The body size limit is
/// <c>Ledger:Limits:MaxImportBodyBytes</c>, with the other body limits in <see cref="Hosting.AbuseLimits"/>.)
/// </summary>
public sealed class ImportOptions
{
    public const string Section = "Ledger:Imports";

    /// <summary>Lines (rows) per request; a larger file is refused whole with 400 and must be split.</summary>
    public int MaxLines { get; set; } = 100_000;

    /// <summary>Travellers whose lines are recorded in one transaction (one batch query to fetch them, one commit).</summary>
    public int TravellersPerTransaction { get; set; } = 250;

    /// <summary>
    /// Transactions of one import in flight at once (they touch disjoint travellers, so they never contend). Measured on
    /// 2 cores (100,000 crossings): 2 → 10,000/s, 4 → 13,000/s, 8 → 16,000-16,500/s, 16 → 16,900/s; each holds a pooled
    /// connection while it runs.
    /// </summary>
    public int Parallelism { get; set; } = 8;

    public static void Add(WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(Section).Get<ImportOptions>() ?? new ImportOptions();
        if (options.MaxLines < 1 || options.TravellersPerTransaction < 1 || options.Parallelism < 1)
            throw new InvalidOperationException($"{Section}: MaxLines, TravellersPerTransaction and Parallelism must be at least 1");
        builder.Services.AddSingleton(options);
        builder.Services.ConfigureMarten(opts => opts.Schema.For<ImportRecord>());
    }
}

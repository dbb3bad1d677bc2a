namespace Ledger.Demo;

/// <summary>
/// The examples of docs/examples.md, as data: five cases of the Five Eyes states sharing records, and a US citizen's
/// European trip. The document, <c>Ledger demo</c> and the tests (tests/Ledger.Tests/Demo) all read this one list, so
/// they cannot drift apart. Names, dates of birth and passport numbers are made up.
/// </summary>
public static class DemoCases
{
    public static readonly IReadOnlyList<DemoPerson> People =
    [
        new("demo-a-sione-havili", "a", "Sione", "Havili", new(1988, 4, 12), ["TO"], "DEMOA0001", [""]),
        new("demo-b-camila-rocha", "b", "Camila", "Rocha", new(1993, 9, 3), ["BR"], "DEMOB0002", [""]),
        new("demo-c-arjun-mehta", "c", "Arjun", "Mehta", new(2001, 1, 27), ["IN"], "DEMOC0003", [""]),
        new("demo-d-maria-santos", "d", "Maria", "Santos", new(1990, 6, 18), ["PH"], "DEMOD0004", [""]),
        new("demo-e1-vikram-nair", "e", "Vikram", "Nair", new(1996, 11, 2), ["IN"], "DEMOE0005", [""]),
        new("demo-e2-aditya-rao", "e", "Aditya", "Rao", new(1997, 2, 14), ["IN"], "DEMOE0006", [""]),
        new("demo-f-emily-carter", "f", "Emily", "Carter", new(1985, 7, 30), ["US"], "DEMOF0007", ["", "plan"]),
        new("demo-g-grace-okafor", "g", "Grace", "Okafor", new(1994, 5, 21), ["NG"], "DEMOG0008", [""]),
    ];

    public static readonly IReadOnlyList<DemoWrite> Writes =
    [
        // (a) A visitor to New Zealand is stopped driving unlicensed and the car is impounded; the US later refuses
        // three visitor visas (the first application recorded on its own, the later two carried with their refusals).
        Visa("demo-a-sione-havili", "a-nz-visitor", "NZ", "VISITOR", "2023-01-10", "2023-07-09", 180, "2023-01-05"),
        Crossings("demo-a-sione-havili",
            Entry("a-nz-in", "NZ", "2023-01-20", "Auckland Airport"),
            Exit("a-nz-out", "NZ", "2023-04-15", "Auckland Airport")),
        Incident("demo-a-sione-havili", "a-nz-traffic", "NZ", "2023-03-04", "trafficOffence", "low", "subject", "New Zealand Police",
            "Stopped in South Auckland driving without a licence; the car was impounded for 28 days (Land Transport Act 1998, s 96)."),
        Outcome("demo-a-sione-havili", "a-nz-traffic", "impoundment", "2023-03-04", "vehicle impounded for 28 days"),
        Apply("demo-a-sione-havili", "a-us-2023", "US", "B1/B2", "2023-06-01"),
        Refuse("demo-a-sione-havili", "a-us-2023", "US", "2023-06-20", "INA 214(b): the applicant did not show ties that would compel departure", null, null),
        Refuse("demo-a-sione-havili", "a-us-2024", "US", "2024-02-15", "INA 214(b)", "B1/B2", "2024-01-22"),
        Refuse("demo-a-sione-havili", "a-us-2025", "US", "2024-11-05", "INA 214(b)", "B1/B2", "2024-10-01"),

        // (b) Canada refuses a temporary resident visa; the United States then issues a visitor visa, and she uses it.
        Apply("demo-b-camila-rocha", "b-ca-2024", "CA", "TRV", "2024-01-10"),
        Refuse("demo-b-camila-rocha", "b-ca-2024", "CA", "2024-02-20",
            "IRPR 179(b): not satisfied that the applicant will leave Canada at the end of the authorized stay", null, null),
        Apply("demo-b-camila-rocha", "b-us-2024", "US", "B1/B2", "2024-04-02"),
        Visa("demo-b-camila-rocha", "b-us-b1b2", "US", "B1/B2", "2024-05-14", "2034-05-13", 180, "2024-05-14", "b-us-2024"),
        Crossings("demo-b-camila-rocha",
            Entry("b-us-in", "US", "2024-07-01", "Miami International Airport"),
            Exit("b-us-out", "US", "2024-07-20", "Miami International Airport")),

        // (c) A student in London goes to a police station about his landlord: he is the complainant, not a suspect.
        Visa("demo-c-arjun-mehta", "c-gb-student", "GB", "STUDENT", "2024-09-01", "2026-01-31", 500, "2024-08-20"),
        Crossings("demo-c-arjun-mehta",
            Entry("c-gb-in", "GB", "2024-09-10", "London Heathrow"),
            Exit("c-gb-out", "GB", "2025-12-20", "London Heathrow")),
        Incident("demo-c-arjun-mehta", "c-gb-landlord", "GB", "2025-06-14", "civilDispute", "low", "complainant", "Metropolitan Police",
            "Reported at Walworth police station that his landlord kept the deposit and changed the locks; treated as a civil matter."),
        Outcome("demo-c-arjun-mehta", "c-gb-landlord", "noFurtherAction", "2025-06-14", "civil matter; referred to the council's tenancy relations officer"),

        // (d) A nurse on an Australian work visa applies for permanent residence (pending) and visits the United
        // States, where she is referred to secondary inspection and admitted.
        Visa("demo-d-maria-santos", "d-au-482", "AU", "482", "2023-02-15", "2027-02-14", 1400, "2023-02-01"),
        Apply("demo-d-maria-santos", "d-au-pr", "AU", "PR", "2025-08-01"),
        Visa("demo-d-maria-santos", "d-us-b1b2", "US", "B1/B2", "2025-12-01", "2035-11-30", 180, "2025-12-01", "d-us-2025", "2025-10-20"),
        Crossings("demo-d-maria-santos",
            Entry("d-au-in-2023", "AU", "2023-03-01", "Sydney Airport"),
            Exit("d-au-out-2026", "AU", "2026-03-09", "Sydney Airport"),
            Entry("d-us-in", "US", "2026-03-10", "Los Angeles International Airport"),
            Exit("d-us-out", "US", "2026-03-24", "Los Angeles International Airport"),
            Entry("d-au-in-2026", "AU", "2026-03-26", "Sydney Airport")),
        Incident("demo-d-maria-santos", "d-us-secondary", "US", "2026-03-10", "secondaryInspection", "low", "subject",
            "U.S. Customs and Border Protection, LAX",
            "Referred to secondary inspection on arrival: purpose of the visit questioned while an Australian residence application is pending."),
        Outcome("demo-d-maria-santos", "d-us-secondary", "noFurtherAction", "2026-03-10", "admitted as a B-2 visitor until 2026-09-09"),

        // (e) Two tourists arrested together in Sydney: one incident on each record, each naming the other; one
        // charge ends in a conviction, the other in an acquittal.
        Visa("demo-e1-vikram-nair", "e1-au-600", "AU", "600", "2025-10-01", "2026-09-30", 90, "2025-09-15"),
        Visa("demo-e2-aditya-rao", "e2-au-600", "AU", "600", "2025-10-01", "2026-09-30", 90, "2025-09-15"),
        Crossings("demo-e1-vikram-nair",
            Entry("e1-au-in", "AU", "2025-11-01", "Sydney Airport"),
            Exit("e1-au-out", "AU", "2026-01-25", "Sydney Airport")),
        Crossings("demo-e2-aditya-rao",
            Entry("e2-au-in", "AU", "2025-11-01", "Sydney Airport"),
            Exit("e2-au-out", "AU", "2026-01-25", "Sydney Airport")),
        Incident("demo-e1-vikram-nair", "e1-au-arrest", "AU", "2025-11-08", "arrest", "medium", "subject", "NSW Police Force",
            "Arrested with a companion after a fight outside a bar in Darlinghurst, Sydney.", "demo-e2-aditya-rao"),
        Incident("demo-e2-aditya-rao", "e2-au-arrest", "AU", "2025-11-08", "arrest", "medium", "subject", "NSW Police Force",
            "Arrested with a companion after a fight outside a bar in Darlinghurst, Sydney.", "demo-e1-vikram-nair"),
        Outcome("demo-e1-vikram-nair", "e1-au-arrest", "charged", "2025-11-08", "affray, Crimes Act 1900 (NSW) s 93C"),
        Outcome("demo-e2-aditya-rao", "e2-au-arrest", "charged", "2025-11-08", "affray, Crimes Act 1900 (NSW) s 93C"),
        Outcome("demo-e1-vikram-nair", "e1-au-arrest", "convicted", "2026-01-20", "Downing Centre Local Court; fined AUD 1,500"),
        Outcome("demo-e2-aditya-rao", "e2-au-arrest", "acquitted", "2026-01-20", "Downing Centre Local Court"),

        // (f) A US citizen in Europe: Paris 1-20 March 2025, London to 5 April, Rome to 10 May, Croatia to 1 June
        // (Italy to Croatia crosses no Schengen border, so nothing is recorded there), Istanbul to 15 June, then home.
        // The 30 days planned in Spain from 1 July are not recorded: GET .../plan?enter=2025-07-01 answers them.
        Crossings("demo-f-emily-carter",
            Entry("f-fr-in", "FR", "2025-03-01", "Paris-Charles de Gaulle"),
            Exit("f-fr-out", "FR", "2025-03-20", "Gare du Nord (Eurostar)"),
            Entry("f-gb-in", "GB", "2025-03-20", "Paris Gare du Nord (UK juxtaposed control)"),
            Exit("f-gb-out", "GB", "2025-04-05", "London Heathrow"),
            Entry("f-it-in", "IT", "2025-04-05", "Rome Fiumicino"),
            Exit("f-hr-out", "HR", "2025-06-01", "Zagreb Airport"),
            Entry("f-tr-in", "TR", "2025-06-01", "Istanbul Airport"),
            Exit("f-tr-out", "TR", "2025-06-15", "Istanbul Airport"),
            Entry("f-us-in", "US", "2025-06-15", "New York JFK")),

        // (g) A student in Toronto becomes a Canadian permanent resident: her presence for the residency obligation
        // and for citizenship (days before residence count half, up to 365). Permits, so no visitor rule counts her days.
        Permit("demo-g-grace-okafor", "g-ca-study", "CA", "residencePermit", "2020-08-20", "2024-02-29"),
        Permit("demo-g-grace-okafor", "g-ca-pr", "CA", "permanentResidence", "2024-03-01", "2029-02-28"),
        Crossings("demo-g-grace-okafor",
            Entry("g-ca-in-2020", "CA", "2020-09-01", "Toronto Pearson"),
            Exit("g-ca-out-2022", "CA", "2022-12-15", "Toronto Pearson"),
            Entry("g-ca-in-2023", "CA", "2023-01-10", "Toronto Pearson"),
            Exit("g-ca-out-2025", "CA", "2025-07-01", "Toronto Pearson"),
            Entry("g-ca-in-2025", "CA", "2025-08-15", "Toronto Pearson")),
    ];

    /// <summary>Every country the demo records in: the countries its minted token acts for.</summary>
    public static IReadOnlyList<string> Countries =>
    [
        "US", "GB", "CA", "AU", "NZ", "FR", "IT", "HR", "TR",
    ];

    /// <summary>
    /// A person's crossings as one batch (<c>POST .../crossings/batch</c>, one transaction), as a border feed delivers a
    /// trip's records. Sent one at a time, each entry would first stand as a stay still open today: the ledger would
    /// record an overstay and a warning, then expunge and withdraw them when the exit arrived.
    /// </summary>
    private static DemoWrite Crossings(string person, params object[] crossings) =>
        new(person, "crossings/batch", _ => new { crossings });

    private static object Entry(string crossingId, string country, string date, string borderPoint) =>
        new { crossingId, direction = "entry", country, date, borderPoint, source = "borderSystem" };

    private static object Exit(string crossingId, string country, string date, string borderPoint) =>
        new { crossingId, direction = "exit", country, date, borderPoint, source = "borderSystem" };

    private static DemoWrite Permit(string person, string permitId, string country, string kind, string first, string last) =>
        new(person, "permits", _ => new { permitId, country, kind, first, last });

    private static DemoWrite Apply(string person, string applicationId, string state, string type, string date) =>
        new(person, "visas/applications", _ => new { applicationId, state, type, date });

    /// <summary>A refusal; <paramref name="appliedType"/> and <paramref name="appliedOn"/> give the application's facts when it was never recorded.</summary>
    private static DemoWrite Refuse(string person, string applicationId, string state, string date, string ground, string? appliedType, string? appliedOn) =>
        new(person, "visas/refusals", _ => appliedOn is null
            ? new { applicationId, state, date, ground }
            : new { applicationId, state, date, ground, application = new { type = appliedType, date = appliedOn } });

    /// <summary>A visa; with <paramref name="applicationId"/> it decides that application (recorded before, or given by <paramref name="appliedOn"/>).</summary>
    private static DemoWrite Visa(string person, string visaId, string issuingState, string type, string validFrom, string validUntil, int durationDays,
        string issuedOn, string? applicationId = null, string? appliedOn = null) =>
        new(person, "visas", _ => appliedOn is null
            ? new { visaId, applicationId, issuingState, type, entries = "multiple", validFrom, validUntil, durationDays, issuedOn }
            : new { visaId, applicationId, issuingState, type, entries = "multiple", validFrom, validUntil, durationDays, issuedOn, application = new { date = appliedOn } });

    private static DemoWrite Incident(string person, string incidentId, string jurisdiction, string date, string category, string severity, string role,
        string source, string description, params string[] involved) =>
        new(person, "incidents", idOf => new
        {
            incidentId, jurisdiction, date, category, severity, role, source, description, involved = involved.Select(idOf).ToList(),
        });

    private static DemoWrite Outcome(string person, string incidentId, string outcome, string date, string note) =>
        new(person, $"incidents/{incidentId}/outcomes", _ => new { outcome, date, note });
}

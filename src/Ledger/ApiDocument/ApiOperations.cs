using System.Text.Json.Nodes;
using Ledger.Access;
using Ledger.AccessLog;
using Ledger.Alerts;
using Ledger.Crossings;
using Ledger.History;
using Ledger.Imports;
using Ledger.Operations;
using Ledger.Sharing;
using Ledger.Stays;
using Ledger.Travellers;
using Ledger.Webhooks;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Ledger.Writing;
using Ledger.Problems;

namespace Ledger.ApiDocument;

/// <summary>
/// What the API document says about each route, in one table: an operation id and a summary in words, a tag by
/// capability, and the success answers with their bodies (201 with the record, 200 for an idempotent resend, 204, 202).
/// Refusals come from <see cref="ProblemResponses"/>. <c>ApiDocumentTests</c> drives every route and fails when what it
/// answers is not what this table declares, and when a route has no row here.
/// </summary>
public static class ApiOperations
{
    /// <summary>One success answer: its status, what it means, the body's type (null: no body), and a CSV form when asked for with <c>Accept: text/csv</c>.</summary>
    public sealed record Answer(int Status, string Description, Type? Body, bool AlsoCsv = false);

    public sealed record Operation(string Method, string Route, string Id, string Tag, string Summary, IReadOnlyList<Answer> Answers);

    private static Answer Ok<T>(string description = "the answer") => new(200, description, typeof(T));
    private static Answer Created<T>(string description = "recorded: a new fact") => new(201, description, typeof(T));
    private static Answer Resent<T>() => new(200, "already recorded: a resend that added nothing (alreadyRecorded: true)", typeof(T));
    private static Answer[] Write => [Created<Recorded>(), Resent<Recorded>()];

    public static readonly IReadOnlyList<Operation> All =
    [
        new("POST", "/travellers", "registerTraveller", "Travellers", "Register a traveller (an Idempotency-Key makes a retry return the same id)",
            [Created<TravellerCreated>("registered"), Ok<TravellerCreated>("the traveller this Idempotency-Key registered before")]),
        new("GET", "/travellers/{id}", "getTraveller", "Travellers", "Read a traveller's nationalities, identity and stream version", [Ok<TravellerView>()]),
        new("DELETE", "/travellers/{id}/identity", "eraseIdentity", "Travellers", "Erase a traveller's identity by shredding its key (the history stays)", [new(204, "erased", null)]),
        new("POST", "/travellers/{id}/crossings", "recordCrossing", "Crossings", "Record a border crossing (entry or exit), in any order",
            [Created<CrossingAccepted>(), Resent<CrossingAccepted>()]),
        new("POST", "/travellers/{id}/crossings/batch", "recordCrossingBatch", "Crossings", "Record up to 100 crossings of one traveller, all or none", [Ok<CrossingsAccepted>("each crossing, new or already recorded")]),
        new("POST", "/travellers/{id}/crossings/{crossingId}/corrections", "correctCrossing", "Crossings", "Void or correct a recorded crossing (a new event; the original stays)", Write),
        new("GET", "/travellers/{id}/crossings", "listCrossings", "Crossings", "List crossings as they now stand, the stays they make and their anomalies", [Ok<CrossingsView>()]),
        new("POST", "/imports", "importCrossings", "Imports", "Import crossings of many travellers (JSON lines or CSV), a result per line", [Ok<ImportAnswer>("a result per line: recorded, already present or refused")]),
        new("POST", "/travellers/{id}/evidence", "recordEvidence", "Evidence", "Record evidence of presence or absence that settles uncertain days", Write),
        new("POST", "/travellers/{id}/evidence/{evidenceId}/void", "voidEvidence", "Evidence", "Void evidence (it stays in the stream and stops settling days)", Write),
        new("POST", "/travellers/{id}/anomaly-resolutions", "resolveAnomaly", "Evidence", "Decide a presumption for every uncertain day of an anomaly", Write),
        new("POST", "/travellers/{id}/permits", "recordPermit", "Permits", "Record a residence permit or long-stay permission (its days stop counting)", Write),
        new("GET", "/travellers/{id}/permits", "listPermits", "Permits", "List a traveller's permits", [Ok<IReadOnlyList<Ledger.Projections.Permits.PermitRecorded>>()]),
        new("POST", "/travellers/{id}/visas/applications", "applyForVisa", "Visas", "Record a visa application", Write),
        new("POST", "/travellers/{id}/visas", "issueVisa", "Visas", "Record an issued visa", Write),
        new("POST", "/travellers/{id}/visas/refusals", "refuseVisa", "Visas", "Record a visa refusal with its ground", Write),
        new("POST", "/travellers/{id}/visas/{visaId}/revocations", "revokeVisa", "Visas", "Revoke or annul a visa", Write),
        new("POST", "/travellers/{id}/visas/{visaId}/extensions", "extendVisa", "Visas", "Extend a visa (never shortens)", Write),
        new("GET", "/travellers/{id}/visas", "listVisas", "Visas", "List visa applications with their outcome, visas with their status derived on a day, refusals", [Ok<Ledger.Visas.VisasView>()]),
        new("POST", "/travellers/{id}/visa-applications/{applicationId}/withdrawal", "withdrawVisaApplication", "Visas", "Record that a pending visa application was withdrawn", Write),
        new("POST", "/travellers/{id}/visas/voids", "voidVisaRecord", "Visas", "Void a visa application, refusal, withdrawal or issue with a reason (a new event; the original stays for auditors)", Write),
        new("GET", "/travel-authorisation-schemes", "listTravelAuthorisationSchemes", "Travel authorisations", "List the travel authorisation schemes (ESTA, ETA, eTA, ...) admitting to a state, with term, modes, who needs them and citation", [Ok<Ledger.TravelAuthorisations.GetTravelAuthorisationSchemesEndpoint.SchemesView>()]),
        new("POST", "/travellers/{id}/travel-authorisations", "grantTravelAuthorisation", "Travel authorisations", "Record a granted travel authorisation (validity derived from the scheme and the passport unless given)", Write),
        new("POST", "/travellers/{id}/travel-authorisations/refusals", "refuseTravelAuthorisation", "Travel authorisations", "Record a refused travel authorisation (an ESTA denial, an eTA refusal)", Write),
        new("POST", "/travellers/{id}/travel-authorisations/{authorisationId}/revocations", "revokeTravelAuthorisation", "Travel authorisations", "Revoke a granted travel authorisation", Write),
        new("GET", "/travellers/{id}/travel-authorisations", "listTravelAuthorisations", "Travel authorisations", "List travel authorisations with their status on a day (valid, expired, refused, revoked, superseded)", [Ok<Ledger.TravelAuthorisations.TravelAuthorisationsView>()]),
        new("GET", "/presence-goals", "listPresenceGoals", "Presence", "List the presence goals (residency obligations, citizenship and settlement residence) with their parts and citations", [Ok<Ledger.Presence.GetPresenceGoalsEndpoint.GoalsView>()]),
        new("GET", "/travellers/{id}/presence", "getPresence", "Presence", "Count a presence goal on a date: each part, lower and upper figures, the earliest date met, the latest return date", [Ok<Ledger.Presence.PresenceView>()]),
        new("GET", "/visa-categories", "listVisaCategories", "Visas", "List a state's visa and permit categories with their kind and citation", [Ok<Ledger.Visas.GetVisaCategoriesEndpoint.CategoriesView>()]),
        new("POST", "/travellers/{id}/incidents", "recordIncident", "Incidents", "Record an incident (overstay, removal, refusal of entry, arrest, ...)", Write),
        new("POST", "/travellers/{id}/incidents/{incidentId}/resolution", "resolveIncident", "Incidents", "Record an incident's resolution", Write),
        new("POST", "/travellers/{id}/incidents/{incidentId}/expungement", "expungeIncident", "Incidents", "Expunge an incident (no longer shown or shared)", Write),
        new("GET", "/travellers/{id}/incidents", "listIncidents", "Incidents", "List incidents as they stand, with role, outcomes and links (expunged ones are not shown)", [Ok<IReadOnlyList<Ledger.Incidents.IncidentView>>()]),
        new("POST", "/travellers/{id}/incidents/{incidentId}/outcomes", "recordIncidentOutcome", "Incidents", "Record one more step of what became of an incident (charged, acquitted, fine, ...)", Write),
        new("GET", "/travellers/{id}/incidents/links", "listIncidentLinks", "Incidents", "List other travellers' incidents that name this traveller", [Ok<IReadOnlyList<Ledger.Incidents.IncidentLinkView>>()]),
        new("POST", "/travellers/search", "findTravellers", "Travellers", "Find travellers by identity document or by family name and date of birth, given in the body (exact match)", [Ok<Ledger.Travellers.TravellerSearchResult>()]),
        new("POST", "/groups", "createGroup", "Groups", "Create a group of travellers (a household, people stopped together)", [Created<Ledger.Groups.GroupCreated>("created")]),
        new("GET", "/groups/{id}", "getGroup", "Groups", "Read a group's members and their statuses together", [Ok<Ledger.Groups.GroupView>()]),
        new("POST", "/travellers/{id}/itineraries/check", "checkItinerary", "Itineraries", "Check planned legs against the stored record and visas; nothing is recorded", [Ok<Ledger.Projections.Itineraries.ItineraryAnswer>()]),
        new("POST", "/itineraries/check", "checkInlineItinerary", "Itineraries", "Check planned legs against a history and visas sent with the request; nothing is recorded", [Ok<Ledger.Projections.Itineraries.ItineraryAnswer>()]),
        new("POST", "/travellers/{id}/plans", "recordPlan", "Itineraries", "Store a planned trip (its own events, never crossings); it is re-checked whenever the record changes", Write),
        new("POST", "/travellers/{id}/plans/{planId}/cancellation", "cancelPlan", "Itineraries", "Cancel a stored plan (no longer re-checked, raises no warning)", Write),
        new("GET", "/travellers/{id}/plans", "listPlans", "Itineraries", "List stored plans, each with its itinerary-check answer on the record as it now stands", [Ok<Ledger.Plans.PlansView>()]),
        new("POST", "/travellers/{id}/movements", "recordMovement", "Crossings", "Record a move inside an area (a ticket, a hotel record) so days belong to the country they were spent in", Write),
        new("GET", "/travellers/{id}/status", "getStayStatus", "Stays", "Status under every regime on a date, optionally as the ledger knew it at an instant", [Ok<StayStatusView>()]),
        new("GET", "/travellers/{id}/plan", "planStay", "Stays", "How many consecutive days an entry on a date allows", [Ok<Ledger.Projections.StayRules.StayPlan>()]),
        new("GET", "/travellers/{id}/earliest", "earliestEntry", "Stays", "The earliest entry date for a stay of N consecutive days", [Ok<EarliestEntryView>()]),
        new("GET", "/travellers/{id}/compliance", "complianceReport", "Stays", "Days used per day over a date range (JSON, or CSV with Accept: text/csv)", [Ok<ComplianceReportView>("the report (text/csv with Accept: text/csv)") with { AlsoCsv = true }]),
        new("GET", "/travellers/{id}/events", "listEvents", "History", "The raw event stream with who recorded what", [Ok<IReadOnlyList<EventView>>()]),
        new("GET", "/travellers/{id}/history-summary", "historySummary", "History", "The facts a visa application form asks about, with the record ids behind them (facts only, never a score)", [Ok<HistorySummaryView>()]),
        new("GET", "/travellers/{id}/access-log", "readAccessLog", "Access", "Who read this record, newest first", [Ok<AccessLogPage>()]),
        new("GET", "/travellers/{id}/shared-records", "sharedRecords", "Sharing", "The records a requesting state would see under the sharing arrangements", [Ok<SharedRecordsView>()]),
        new("GET", "/border-traffic/{country}/{date}", "borderTraffic", "Stays", "Entries and exits recorded for a country and day", [Ok<Ledger.Projections.Stays.BorderTraffic>()]),
        new("GET", "/alerts", "listAlerts", "Alerts", "Issued warnings after a cursor, oldest first", [Ok<AlertPage>()]),
        new("POST", "/webhooks", "subscribeWebhook", "Webhooks", "Subscribe a URL to warnings (signed deliveries)", [Created<SubscriptionView>("subscribed")]),
        new("GET", "/webhooks", "listWebhooks", "Webhooks", "List webhook subscriptions", [Ok<IReadOnlyList<SubscriptionView>>()]),
        new("DELETE", "/webhooks/{id}", "unsubscribeWebhook", "Webhooks", "Remove a webhook subscription", [new(204, "removed", null)]),
        new("GET", "/webhooks/deliveries", "listDeliveries", "Webhooks", "List webhook deliveries, optionally by status", [Ok<IReadOnlyList<DeliveryView>>()]),
        new("POST", "/webhooks/deliveries/{deliveryId}/replay", "replayDelivery", "Webhooks", "Send a failed delivery again", [new(202, "queued again", null)]),
        new("POST", "/webhooks/{id}/registration", "reregisterWebhook", "Webhooks", "Re-register a subscription (paused by a revoked token) with the calling admin's token", [Ok<SubscriptionView>("registered again, no longer paused")]),
        new("POST", "/tokens/revocations", "revokeToken", "Access", "Revoke a token by its jti until its expiry (admins)", [Created<TokenRevocationView>("revoked: refused on every node within seconds")]),
        new("GET", "/tokens/revocations", "listTokenRevocations", "Access", "List the token revocations in force (admins)", [Ok<IReadOnlyList<TokenRevocationView>>()]),
        new("GET", "/retention-policies", "listRetentionPolicies", "Retention", "List the retention policies with their citations (and what holds where none is set)", [Ok<Ledger.Retention.GetRetentionPoliciesEndpoint.RetentionPoliciesView>()]),
        new("POST", "/retention/sweeps", "runRetentionSweep", "Retention", "Erase now every record past its retention period and give the notices due (admins)", [Ok<Ledger.Retention.SweepResult>("what the sweep erased and notified")]),
        new("GET", "/travellers/{id}/erasures", "listErasures", "Retention", "What retention erased of a traveller: when, under which policy, which kind, how many (never the content)", [Ok<Ledger.Retention.ErasuresView>()]),
        new("GET", "/admin/audit", "readAdminAudit", "Operations", "The admin audit trail: who did which admin act, when, on what (ids only), newest first", [Ok<Ledger.AdminAudit.AdminAuditPage>()]),
        new("GET", "/admin/dead-letters", "listDeadLetters", "Operations", "List messages that failed for good", [Ok<DeadLetterPage>()]),
        new("POST", "/admin/dead-letters/{id}/replay", "replayDeadLetter", "Operations", "Put one dead letter back into the durable inbox", [new(202, "replayed", null)]),
        new("POST", "/admin/dead-letters/replay", "replayDeadLetters", "Operations", "Put every dead letter of a message type back into the durable inbox", [new(202, "replayed", typeof(ReplayedDeadLetters))]),
    ];

    public static Operation? Find(string method, string route) =>
        All.FirstOrDefault(o => o.Method == method && o.Route == route);

    /// <summary>Applies the table to the document's operations (registered with <c>AddOperationTransformer</c>).</summary>
    public static async Task Describe(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var route = "/" + (context.Description.RelativePath ?? "").Split('?')[0];
        if (Find(context.Description.HttpMethod ?? "", route) is not { } row) return;
        operation.OperationId = row.Id;
        operation.Summary = row.Summary;
        context.Document!.Tags ??= new HashSet<OpenApiTag>();
        if (!context.Document.Tags.Any(t => t.Name == row.Tag)) context.Document.Tags.Add(new OpenApiTag { Name = row.Tag });
        operation.Tags = new HashSet<OpenApiTagReference> { new(row.Tag, context.Document) };
        operation.Responses ??= new OpenApiResponses();
        // Wolverine declares a 200 for every route (often as IResult): replaced by the answers the route really gives.
        foreach (var code in operation.Responses.Keys.Where(k => k.StartsWith('2')).ToList()) operation.Responses.Remove(code);
        foreach (var answer in row.Answers)
        {
            var response = new OpenApiResponse { Description = answer.Description };
            if (answer.Body is { } body)
                response.Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/json"] = new() { Schema = await BodySchemaAsync(body, context, ct) },
                };
            if (answer.AlsoCsv) response.Content!["text/csv"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
            // Every 201 names its record twice: the body's id and the Location header (a URL that shows the record).
            if (answer.Status == StatusCodes.Status201Created)
                response.Headers = new Dictionary<string, IOpenApiHeader>
                {
                    ["Location"] = new OpenApiHeader { Description = "where the new record can be read", Required = true, Schema = new OpenApiSchema { Type = JsonSchemaType.String } },
                };
            operation.Responses[answer.Status.ToString()] = response;
        }
        foreach (var (code, response) in operation.Responses.Where(r => r.Key.StartsWith('4') || r.Key.StartsWith('5')))
            if (response is OpenApiResponse problem)
            {
                if (string.IsNullOrEmpty(problem.Description)) problem.Description = ProblemDescription(code);
                // Every refusal has a problem body (ProblemShape), also those the framework declared without one.
                if (problem.Content is not { Count: > 0 })
                    problem.Content = new Dictionary<string, OpenApiMediaType>
                    {
                        ["application/problem+json"] = new() { Schema = await ComponentAsync(typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), context, ct) },
                    };
            }
        if (ApiExamples.For(row.Id) is { } example && operation.RequestBody?.Content is { } content && content.TryGetValue("application/json", out var json))
            json.Example = JsonNode.Parse(example);
    }

    /// <summary>
    /// A reference to the body's component schema (an array of references for a list). The schema the framework creates
    /// for an operation is inlined, and its inlined copies lose the null branch of nullable properties
    /// (<c>oneOf: [null, $ref]</c> becomes the plain object): a reference keeps what the component declares.
    /// </summary>
    private static async Task<IOpenApiSchema> BodySchemaAsync(Type body, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        if (ElementTypeOf(body) is { } element)
            return new OpenApiSchema { Type = JsonSchemaType.Array, Items = await ComponentAsync(element, context, ct) };
        return await ComponentAsync(body, context, ct);
    }

    private static async Task<IOpenApiSchema> ComponentAsync(Type type, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var document = context.Document!;
        if (document.Components?.Schemas is not { } known || !known.ContainsKey(type.Name))
        {
            // No route declared this type yet: its schema is the framework's inlined form, nullable fields marked again.
            var schema = await context.GetOrCreateSchemaAsync(type, null, ct);
            MarkNullable(schema, type, [], new System.Reflection.NullabilityInfoContext());
            document.AddComponent(type.Name, schema);
        }
        return new OpenApiSchemaReference(type.Name, document);
    }

    /// <summary>
    /// Adds <c>null</c> to the type of every inlined property whose CLR property may be null (a nullable reference or
    /// value type), through nested objects and list items: the framework's inlined copies drop it. The
    /// <paramref name="nullability"/> context caches without locks, so each document builds with its own: documents are
    /// built concurrently (two requests at once, or several hosts in one process).
    /// </summary>
    private static void MarkNullable(OpenApiSchema schema, Type type, HashSet<Type> seen, System.Reflection.NullabilityInfoContext nullability)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (ElementTypeOf(type) is { } element || (type.IsArray && type.GetElementType() is { } arrayElement && (element = arrayElement) is not null))
        {
            if (schema.Items is OpenApiSchema items) MarkNullable(items, element, seen, nullability);
            return;
        }
        if (schema.Properties is null || type.IsPrimitive || type == typeof(string) || !seen.Add(type)) return;
        foreach (var property in type.GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance))
        {
            if (!schema.Properties.TryGetValue(System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(property.Name), out var declared)
                || declared is not OpenApiSchema inlined) continue;
            var mayBeNull = Nullable.GetUnderlyingType(property.PropertyType) is not null
                || (!property.PropertyType.IsValueType && nullability.Create(property).ReadState == System.Reflection.NullabilityState.Nullable);
            if (mayBeNull && inlined.Type is { } declaredType && !declaredType.HasFlag(JsonSchemaType.Null)) inlined.Type = declaredType | JsonSchemaType.Null;
            MarkNullable(inlined, property.PropertyType, seen, nullability);
        }
        seen.Remove(type);
    }

    private static Type? ElementTypeOf(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() is var d
        && (d == typeof(IReadOnlyList<>) || d == typeof(List<>) || d == typeof(IEnumerable<>) || d == typeof(IReadOnlyCollection<>) || d == typeof(IList<>))
            ? type.GetGenericArguments()[0]
            : null;

    private static string ProblemDescription(string code) => code switch
    {
        "400" => "invalid request: every problem by field (RFC 9457 problem details)",
        "401" => "no valid bearer token",
        "403" => "the token carries no right to this act",
        "404" => "unknown traveller or record, or a path id that is not a record id",
        "409" => "idempotency or concurrency conflict",
        "413" => "the request body is larger than the route accepts (the limit in bytes is in detail)",
        "410" => "erased under a retention policy (named in policyId): the traveller's file, or a resent crossing whose id was erased",
        "415" => "the body is not sent as JSON (Content-Type: application/json)",
        "422" => "the request contradicts the recorded facts (e.g. a decision on an application the ledger does not hold, without its facts)",
        "429" => "this principal's request limit is reached; retry after Retry-After",
        "503" => "the ledger's database is unavailable; retry after Retry-After",
        _ => "problem details",
    };
}

using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Ledger.ApiDocument;

/// <summary>
/// A nullable property declared by reference (a visa's <c>kind</c>: null for a type the categories no longer list) is
/// written by the framework as <c>oneOf: [{type: null}, {$ref}]</c>, while the referenced enum component may itself list
/// <c>null</c> among its values (the framework builds it from a nullable use). A null then matches both branches, and
/// <c>oneOf</c> (exactly one) refuses it. The document says <c>anyOf</c> instead: null, or the referenced schema.
/// </summary>
public sealed class NullableReferenceTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var schema in document.Components?.Schemas?.Values ?? Enumerable.Empty<IOpenApiSchema>()) Visit(schema);
        foreach (var operation in (document.Paths?.Values ?? Enumerable.Empty<IOpenApiPathItem>()).SelectMany(p => p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>()))
        {
            foreach (var response in operation.Responses?.Values ?? Enumerable.Empty<IOpenApiResponse>())
                foreach (var media in response.Content?.Values ?? Enumerable.Empty<OpenApiMediaType>())
                    Visit(media.Schema);
            foreach (var media in operation.RequestBody?.Content?.Values ?? Enumerable.Empty<OpenApiMediaType>()) Visit(media.Schema);
        }
        return Task.CompletedTask;
    }

    private static void Visit(IOpenApiSchema? declared)
    {
        // References are not followed: the component they name is visited once, as a component.
        if (declared is not OpenApiSchema schema) return;
        if (schema.OneOf is { Count: 2 } branches && branches.Any(IsNull) && branches.Any(b => b is OpenApiSchemaReference))
        {
            schema.AnyOf = branches;
            schema.OneOf = null;
        }
        foreach (var property in schema.Properties?.Values ?? Enumerable.Empty<IOpenApiSchema>()) Visit(property);
        Visit(schema.Items);
        Visit(schema.AdditionalProperties);
        foreach (var part in (schema.AllOf ?? []).Concat(schema.AnyOf ?? []).Concat(schema.OneOf ?? []).ToList()) Visit(part);
    }

    private static bool IsNull(IOpenApiSchema branch) => branch is OpenApiSchema { Type: JsonSchemaType.Null };
}

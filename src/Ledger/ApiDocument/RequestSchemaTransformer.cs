using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Ledger.Screening;

namespace Ledger.ApiDocument;

/// <summary>
/// The OpenAPI document says of each request model what <see cref="RequestShape"/> enforces: only the fields marked
/// required are required (positional records would otherwise list every field), strings carry their maximum length
/// and lists their maximum count, defaults included.
/// </summary>
public sealed class RequestSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        if (!RequestShape.IsRequestModel(type) || schema.Properties is null) return Task.CompletedTask;
        var fields = RequestShape.FieldsOf(type);
        schema.Required = new HashSet<string>(fields.Where(f => f.Required).Select(f => f.JsonName));
        foreach (var field in fields)
        {
            if (!schema.Properties.TryGetValue(field.JsonName, out var property) || property is not OpenApiSchema declared) continue;
            if (field.IsString) declared.MaxLength ??= field.MaxLength;
            if (field.IsList)
            {
                declared.MaxItems ??= field.MaxItems;
                if (declared.Items is OpenApiSchema { } item && (Nullable.GetUnderlyingType(field.Type) ?? field.Type).GetGenericArguments().FirstOrDefault() == typeof(string))
                    item.MaxLength ??= field.ItemMaxLength;
            }
        }
        return Task.CompletedTask;
    }
}

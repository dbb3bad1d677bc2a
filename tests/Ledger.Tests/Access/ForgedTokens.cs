using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;

namespace Ledger.Tests.Access;

/// <summary>
/// Tokens made by hand from a real one: the same payload with one thing changed, re-signed (or not) the way an attacker
/// would. What the service must refuse whatever it is told in the header.
/// </summary>
public static class ForgedTokens
{
    public static JsonObject Header(string token) => Part(token, 0);
    public static JsonObject Payload(string token) => Part(token, 1);

    private static JsonObject Part(string token, int index) =>
        JsonNode.Parse(Base64UrlEncoder.DecodeBytes(token.Split('.')[index]))!.AsObject();

    private static string Encode(JsonObject part) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(part.ToJsonString()));

    /// <summary><c>alg: none</c>, no signature: the payload as it was.</summary>
    public static string Unsigned(string token)
    {
        var header = Header(token);
        header["alg"] = "none";
        return $"{Encode(header)}.{Encode(Payload(token))}.";
    }

    /// <summary>RS256 with the given RSA key (the issuer's own, for a token whose only fault is in its payload).</summary>
    public static string SignedRs256(JsonObject header, JsonObject payload, RSA key)
    {
        header["alg"] = "RS256";
        var input = $"{Encode(header)}.{Encode(payload)}";
        return input + "." + Base64UrlEncoder.Encode(key.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    /// <summary>HS256 keyed with <paramref name="secret"/> (the algorithm-confusion attack uses the issuer's public key).</summary>
    public static string SignedHs256(JsonObject header, JsonObject payload, byte[] secret)
    {
        header["alg"] = "HS256";
        var input = $"{Encode(header)}.{Encode(payload)}";
        return input + "." + Base64UrlEncoder.Encode(HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes(input)));
    }
}

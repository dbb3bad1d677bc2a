# The ledger service image. Build context: the repository root.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first (cached layer): the solution's package pins and the in-repo feed for Patched.DistributedLock.Postgres.
COPY nuget.config Directory.Build.props Directory.Packages.props Ledger.sln ./
COPY packaging/feed/ packaging/feed/
COPY src/Ledger/Ledger.csproj src/Ledger/
COPY src/Projections/Projections.csproj src/Projections/
RUN dotnet restore src/Ledger/Ledger.csproj
COPY src/ src/
# ReadyToRun (PublishReadyToRun in Ledger.csproj, for the build platform): a restarted container starts from
# precompiled code. The Wolverine handler code is pre-generated in src/Ledger/Internal/Generated (scripts/codegen).
RUN dotnet publish src/Ledger/Ledger.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_URLS=http://0.0.0.0:8080
EXPOSE 8080
ENTRYPOINT ["dotnet", "Ledger.dll"]

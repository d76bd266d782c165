using System.Diagnostics;
using System.Net.Sockets;
using ActivityTracker.Testing;
using Npgsql;

namespace ActivityTracker.FaultTests.Infrastructure;

/// <summary>
/// A PostgreSQL cluster of the fault tests' own: initdb in a temporary directory, a free port,
/// durable settings (fsync, synchronous commit and full-page writes on, as in production), so
/// that what a crash loses is what production would lose. It can be killed with SIGKILL (the
/// postmaster and every backend at once, as a power cut or the OOM killer would) and started
/// again, which runs crash recovery. Disposing stops it and deletes its directory, whatever state it is in.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    readonly string _bin;
    readonly string _directory;

    public int Port { get; }
    public string DataDirectory => Path.Combine(_directory, "data");
    string LogFile => Path.Combine(_directory, "server.log");

    PostgresCluster(string bin, string directory, int port) => (_bin, _directory, Port) = (bin, directory, port);

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1", Port = Port, Username = "postgres", Database = database,
        // A test's own connections must not wait long on a dead server.
        Timeout = 5,
    }.ConnectionString;

    public static Task<PostgresCluster> StartAsync() => CreateAsync((cluster, bin) => cluster.AsServerAsync(Path.Combine(bin, "initdb"),
        ["-D", cluster.DataDirectory, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]));

    /// <summary>
    /// A hot standby of <paramref name="primary"/> (same binaries), streaming its WAL: a base backup taken over a
    /// replication connection (initdb's trust authentication admits those from 127.0.0.1; PostgreSQL 15's defaults
    /// have <c>wal_level=replica</c>, WAL senders and <c>hot_standby=on</c>), <c>-R</c> writing the standby settings,
    /// then started on a port of its own. It serves read-only queries while it replays.
    /// </summary>
    public static Task<PostgresCluster> StartStandbyAsync(PostgresCluster primary) => CreateAsync((cluster, bin) => cluster.AsServerAsync(Path.Combine(bin, "pg_basebackup"),
        // A fast checkpoint: the default spreads it over minutes.
        ["-h", "127.0.0.1", "-p", primary.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "postgres",
         "-D", cluster.DataDirectory, "-R", "-X", "stream", "-c", "fast"]));

    /// <summary>A new cluster in a temporary directory on a free port, its data directory made by <paramref name="create"/>, started.</summary>
    static async Task<PostgresCluster> CreateAsync(Func<PostgresCluster, string, Task> create)
    {
        var bin = FindBin();
        await EnsureServerUserAsync();
        var directory = Directory.CreateTempSubdirectory("activitytracker-fault-pg.").FullName;
        var cluster = new PostgresCluster(bin, directory, Ports.Free());
        try
        {
            if (IsRoot)
            {
                // mode 700 from CreateTempSubdirectory: the server user needs the directory itself.
                await RunAsync("chown", ["postgres:", directory]);
            }
            await create(cluster, bin);
            await cluster.StartServerAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the server (again): after a kill this replays the WAL before it accepts connections.</summary>
    public async Task StartServerAsync()
    {
        // Durable on purpose (the defaults, spelled out): the crash test proves that an acknowledged write survives.
        var options = $"-c listen_addresses=127.0.0.1 -p {Port} -k {_directory} -c fsync=on -c synchronous_commit=on -c full_page_writes=on " +
                      "-c max_connections=200";
        await AsServerAsync(Path.Combine(_bin, "pg_ctl"), ["-D", DataDirectory, "-l", LogFile, "-w", "-t", "120", "-o", options, "start"]);
        // The tests' own pooled connections to a killed server are dead: drop them rather than fail on the first.
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>SIGKILL to the postmaster and all its children at once: no shutdown checkpoint, no goodbye to clients.</summary>
    public void Kill()
    {
        var postmaster = PostmasterPid();
        if (postmaster is not { } pid)
            return;
        var victims = new List<int> { pid };
        victims.AddRange(ChildrenOf(pid));
        foreach (var victim in victims)
        {
            try { Process.GetProcessById(victim).Kill(); } catch (ArgumentException) { } catch (InvalidOperationException) { }
        }
        // Wait until they are gone, so a restart does not find the old shared memory in use.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (victims.Any(Alive) && DateTime.UtcNow < deadline)
            Thread.Sleep(50);
    }

    int? PostmasterPid()
    {
        var pidFile = Path.Combine(DataDirectory, "postmaster.pid");
        if (!File.Exists(pidFile))
            return null;
        return int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), out var pid) && Alive(pid) ? pid : null;
    }

    static bool Alive(int pid) => Directory.Exists($"/proc/{pid}");

    static IEnumerable<int> ChildrenOf(int parent)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
                continue;
            string stat;
            try { stat = File.ReadAllText(Path.Combine(dir, "stat")); } catch (IOException) { continue; } catch (UnauthorizedAccessException) { continue; }
            // "pid (comm) state ppid ...": comm may hold spaces, so read after the last ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            if (int.TryParse(fields[1], out var ppid) && ppid == parent)
                yield return pid;
        }
    }

    public Task CreateDatabaseAsync(string name) => PostgresServer.FreshDatabaseAsync(ConnectionString("postgres"), name);

    public string ServerLogTail(int lines = 40) =>
        File.Exists(LogFile) ? string.Join('\n', File.ReadLines(LogFile).TakeLast(lines)) : "(no server log)";

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (PostmasterPid() is not null)
                await AsServerAsync(Path.Combine(_bin, "pg_ctl"), ["-D", DataDirectory, "-m", "immediate", "-w", "-t", "30", "stop"]);
        }
        catch (Exception)
        {
            Kill();
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            try { Directory.Delete(_directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    static bool IsRoot => Environment.UserName == "root";

    /// <summary>PostgreSQL refuses to run as root: as root, the server's tools run as the <c>postgres</c> user (as deploy/postgres.sh does).</summary>
    Task AsServerAsync(string program, string[] arguments) => IsRoot
        ? RunAsync("runuser", ["-u", "postgres", "--", program, .. arguments], workingDirectory: "/")
        : RunAsync(program, arguments);

    static async Task EnsureServerUserAsync()
    {
        if (!IsRoot)
            return;
        if ((await TryRunAsync("id", ["postgres"])).ExitCode != 0)
            await RunAsync("useradd", ["--system", "--home-dir", "/var/lib/postgresql", "--shell", "/usr/sbin/nologin", "postgres"]);
    }

    /// <summary>The server's binaries, as deploy/postgres.sh finds them (deploy/test.sh installs PostgreSQL when they are missing).</summary>
    static string FindBin()
    {
        IEnumerable<string> candidates = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
            : [];
        return candidates.FirstOrDefault() ?? throw new InvalidOperationException(
            "The fault tests start their own PostgreSQL but found no initdb under /usr/lib/postgresql/*/bin: install the 'postgresql' package (deploy/test.sh and .ci/run do).");
    }

    static async Task RunAsync(string program, string[] arguments, string? workingDirectory = null)
    {
        var (code, output) = await TryRunAsync(program, arguments, workingDirectory);
        if (code != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {code}:\n{output}");
    }

    static async Task<(int ExitCode, string Output)> TryRunAsync(string program, string[] arguments, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory ?? "" };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}

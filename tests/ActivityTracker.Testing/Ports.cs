using System.Net;
using System.Net.Sockets;

namespace ActivityTracker.Testing;

public static class Ports
{
    /// <summary>A TCP port on the loopback interface nobody listens on now (the system's choice), for an app or a PostgreSQL of a test's own.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

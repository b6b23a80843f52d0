/* test_connect.c -- behaviour 3: local and emulated remote connections, credentials,
 * thumbprints, read-only connections; the environment file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "testlib.h"

/* 3: NULL params, empty server name, and all-zero params are local: transport "file". */
void test_b3_local_connections_use_file_transport(void)
{
   t_init(NULL);
   CHECK_OK(VixDiskLibStub_CreateFlatDisk(t_path("d.vmdk"), 64, VIXDISKLIB_ADAPTER_IDE));
   VixDiskLibConnectParams *zero = VixDiskLib_AllocateConnectParams();
   VixDiskLibConnectParams *empty = VixDiskLib_AllocateConnectParams();
   empty->serverName = (char *)"";
   const VixDiskLibConnectParams *cases[] = { NULL, zero, empty };
   for (int i = 0; i < 3; i++) {
      VixDiskLibConnection conn;
      VixDiskLibHandle h;
      CHECK_OK(VixDiskLib_ConnectEx(cases[i], FALSE, NULL, "nbd", &conn));
      CHECK_OK(VixDiskLib_Open(conn, t_path("d.vmdk"), 0, &h));
      CHECK_STR(VixDiskLib_GetTransportMode(h), "file");
      CHECK_OK(VixDiskLib_Close(h));
      CHECK_OK(VixDiskLib_Disconnect(conn));
   }
   VixDiskLibConnection conn;
   CHECK_OK(VixDiskLib_Connect(NULL, &conn));
   CHECK_INT(VixDiskLibStub_GetCounter("connections"), 1);
   CHECK_OK(VixDiskLib_Disconnect(conn));
   CHECK_ERR(VixDiskLib_Disconnect(conn), VIX_E_INVALID_ARG);     /* twice: detected */
   CHECK_ERR(VixDiskLib_ConnectEx(NULL, FALSE, NULL, NULL, NULL), VIX_E_INVALID_ARG);
   VixDiskLib_FreeConnectParams(zero);
   VixDiskLib_FreeConnectParams(empty);
   VixDiskLib_FreeConnectParams(empty);                            /* logged, ignored */
   CHECK(t_logs_count(1, "not allocated by AllocateConnectParams") == 1);
}

/* 3: remote: user/password and session cookie accepted; wrong ones fail ConnectEx. */
void test_b3_remote_credentials_are_checked(void)
{
   t_init(NULL);
   t_world(true);
   CHECK_OK(VixDiskLibStub_AddSession("vc1", "COOKIE-1", "admin"));
   VixDiskLibConnection conn;
   VixDiskLibConnectParams *p = t_params("vc1", "moref=vm-42", "admin", "secret");
   CHECK_OK(VixDiskLib_ConnectEx(p, FALSE, NULL, NULL, &conn));
   CHECK_OK(VixDiskLib_Disconnect(conn));

   p->creds.uid.password = (char *)"wrong";
   CHECK_ERR(VixDiskLib_ConnectEx(p, FALSE, NULL, NULL, &conn), VIX_E_HOST_USER_PERMISSIONS);
   CHECK(t_logs_count(1, "incorrect user name or password") == 1);
   p->creds.uid.password = NULL;
   CHECK_ERR(VixDiskLib_ConnectEx(p, FALSE, NULL, NULL, &conn), VIX_E_INVALID_ARG);

   p->credType = VIXDISKLIB_CRED_SESSIONID;
   p->creds.sessionId.cookie = (char *)"COOKIE-1";
   p->creds.sessionId.userName = (char *)"admin";
   p->creds.sessionId.key = NULL;
   CHECK_OK(VixDiskLib_ConnectEx(p, FALSE, NULL, NULL, &conn));
   CHECK_OK(VixDiskLib_Disconnect(conn));
   p->creds.sessionId.cookie = (char *)"COOKIE-2";
   CHECK_ERR(VixDiskLib_ConnectEx(p, FALSE, NULL, NULL, &conn), VIX_E_HOST_USER_PERMISSIONS);

   p->credType = VIXDISKLIB_CRED_SSPI;
   CHECK_ERR(VixDiskLib_ConnectEx(p, FALSE, NULL, NULL, &conn), VIX_E_NOT_SUPPORTED);
   p->credType = VIXDISKLIB_CRED_UID;
   p->creds.uid.userName = (char *)"admin";
   p->creds.uid.password = (char *)"secret";
   p->serverName = (char *)"nosuchhost";
   CHECK_ERR(VixDiskLib_ConnectEx(p, FALSE, NULL, NULL, &conn), VIX_E_HOST_SERVER_NOT_FOUND);
   CHECK_INT(VixDiskLibStub_GetCounter("connections"), 0);
   VixDiskLib_FreeConnectParams(p);
}

/* 3: a wrong thumbprint: ConnectEx succeeds, Open fails with VIX_E_FAIL and a log line
 * naming both thumbprints. */
void test_b3_wrong_thumbprint_fails_first_open(void)
{
   t_init(NULL);
   t_world(true);
   CHECK_OK(VixDiskLibStub_CreateFlatDisk(t_path("ds1/d.vmdk"), 64, VIXDISKLIB_ADAPTER_IDE));
   VixDiskLibConnectParams *p = t_params("vc1", "moref=vm-42", "admin", "secret");
   p->thumbPrint = (char *)"11:22:33";
   VixDiskLibConnection conn;
   VixDiskLibHandle h;
   CHECK_OK(VixDiskLib_ConnectEx(p, FALSE, NULL, "nbd", &conn));
   CHECK_ERR(VixDiskLib_Open(conn, "[ds1] d.vmdk", 0, &h), VIX_E_FAIL);
   CHECK(t_logs_count(1, "thumbprint mismatch: expected 11:22:33, actual aa:bb:cc") == 1);
   CHECK_OK(VixDiskLib_Disconnect(conn));
   p->thumbPrint = (char *)"AA:BB:CC";                 /* case-insensitive match */
   CHECK_OK(VixDiskLib_ConnectEx(p, FALSE, NULL, "nbd", &conn));
   CHECK_OK(VixDiskLib_Open(conn, "[ds1] d.vmdk", 0, &h));
   CHECK_STR(VixDiskLib_GetTransportMode(h), "nbd");
   CHECK_OK(VixDiskLib_Close(h));
   CHECK_OK(VixDiskLib_Disconnect(conn));
   VixDiskLib_FreeConnectParams(p);
}

/* 3: datastore paths; unknown datastore or a plain path on a remote connection: 4. */
void test_b3_datastore_paths_resolve_to_local_dirs(void)
{
   t_init(NULL);
   t_world(true);
   mkdir(t_path("ds1/vm1"), 0700);
   CHECK_OK(VixDiskLibStub_CreateFlatDisk(t_path("ds1/vm1/vm1.vmdk"), 64,
                                          VIXDISKLIB_ADAPTER_IDE));
   VixDiskLibConnectParams *p = t_params("vc1", "moref=vm-42", "admin", "secret");
   VixDiskLibConnection conn;
   VixDiskLibHandle h;
   CHECK_OK(VixDiskLib_ConnectEx(p, TRUE, NULL, "nbd", &conn));
   CHECK_OK(VixDiskLib_Open(conn, "[ds1] vm1/vm1.vmdk", 0, &h));
   uint8 buf[512];
   CHECK_ERR(VixDiskLib_Write(h, 0, 1, buf), VIX_E_FILE_READ_ONLY);   /* read-only conn */
   CHECK_OK(VixDiskLib_Close(h));
   CHECK_ERR(VixDiskLib_Open(conn, "[ds9] vm1/vm1.vmdk", 0, &h), VIX_E_FILE_NOT_FOUND);
   CHECK(t_logs_count(1, "has no datastore [ds9]") == 1);
   CHECK_ERR(VixDiskLib_Open(conn, t_path("ds1/vm1/vm1.vmdk"), 0, &h), VIX_E_FILE_NOT_FOUND);
   CHECK_ERR(VixDiskLib_Open(conn, "[ds1] vm1/none.vmdk", 0, &h), VIX_E_FILE_NOT_FOUND);
   CHECK_OK(VixDiskLib_Disconnect(conn));
   VixDiskLib_FreeConnectParams(p);
}

/* Disconnect with a handle still open: the handle stays usable until closed. */
void test_disconnect_with_open_handle_keeps_handle_usable(void)
{
   t_init(NULL);
   CHECK_OK(VixDiskLibStub_CreateFlatDisk(t_path("d.vmdk"), 64, VIXDISKLIB_ADAPTER_IDE));
   VixDiskLibConnection conn;
   VixDiskLibHandle h;
   CHECK_OK(VixDiskLib_ConnectEx(NULL, FALSE, NULL, NULL, &conn));
   CHECK_OK(VixDiskLib_Open(conn, t_path("d.vmdk"), 0, &h));
   CHECK_OK(VixDiskLib_Disconnect(conn));
   CHECK_INT(VixDiskLibStub_GetCounter("connections"), 0);
   uint8 buf[512];
   CHECK_OK(VixDiskLib_Read(h, 0, 1, buf));
   CHECK_OK(VixDiskLib_Close(h));
   CHECK_ERR(VixDiskLibStub_Reset(), VIX_OK);
}

/* The environment file defines the same world as the control API; errors name file:line. */
void test_environment_file_defines_servers(void)
{
   mkdir(t_path("ds"), 0700);
   mkdir(t_path("st"), 0700);
   char env[2048];
   snprintf(env, sizeof env,
            "# emulated world\n"
            "server vc9 kind=vcenter thumbprint=AA:BB transports=nbd:nbdssl state=%s "
            "latencyMs=0\n"
            "user vc9 administrator@vsphere.local \"pass word\"\n"
            "session vc9 COOKIE administrator@vsphere.local\n"
            "datastore vc9 \"data store 1\" %s san=0\n"
            "vm vc9 vm-7 poweredOn=1\n"
            "\n"
            "server bad kind=mainframe state=%s\n"
            "user nosuch u p\n"
            "frobnicate x\n",
            t_path("st"), t_path("ds"), t_path("st"));
   t_write_file(t_path("env.txt"), env);
   setenv("VIXDISKLIBSTUB_ENV", t_path("env.txt"), 1);
   t_init(NULL);
   unsetenv("VIXDISKLIBSTUB_ENV");
   CHECK(t_logs_count(1, "env.txt:8: kind must be esxi or vcenter") == 1);
   CHECK(t_logs_count(1, "env.txt:9: server not defined") == 1);
   CHECK(t_logs_count(1, "env.txt:10: unknown directive") == 1);
   CHECK_ERR(VixDiskLibStub_LoadEnvironment(t_path("env.txt")), VIX_E_INVALID_ARG);
   CHECK_ERR(VixDiskLibStub_LoadEnvironment(t_path("none.txt")), VIX_E_FILE_NOT_FOUND);
   CHECK_OK(VixDiskLibStub_CreateFlatDisk(t_path("ds/d.vmdk"), 64, VIXDISKLIB_ADAPTER_IDE));
   VixDiskLibConnectParams *p = t_params("vc9", "moref=vm-7", "administrator@vsphere.local",
                                         "pass word");
   p->thumbPrint = (char *)"aa:bb";
   VixDiskLibConnection conn;
   VixDiskLibHandle h;
   CHECK_OK(VixDiskLib_ConnectEx(p, FALSE, "snapshot-1", NULL, &conn));
   CHECK_OK(VixDiskLib_Open(conn, "[data store 1] d.vmdk", 0, &h));
   CHECK_STR(VixDiskLib_GetTransportMode(h), "nbdssl");       /* san/hotadd not offered */
   CHECK_OK(VixDiskLib_Close(h));
   CHECK_OK(VixDiskLib_Disconnect(conn));
   VixDiskLib_FreeConnectParams(p);
}

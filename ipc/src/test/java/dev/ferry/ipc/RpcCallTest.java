package dev.ferry.ipc;

import static org.junit.jupiter.api.Assertions.*;

import dev.ferry.ipc.methods.ShutdownParams;
import dev.ferry.ipc.methods.StatusParams;
import dev.ferry.ipc.methods.SyncParams;
import org.junit.jupiter.api.Test;

class RpcCallTest {
  @Test
  void absentParamsDecodeAsAnEmptyObjectWithZeroFlags() throws Exception {
    assertEquals(new SyncParams(null, null, false, false, false), new RpcCall("sync", null).params(SyncParams.class));
    assertEquals(new StatusParams(), new RpcCall("status", null).params(StatusParams.class));
    assertEquals(new ShutdownParams(), new RpcCall("shutdown", "{ }").params(ShutdownParams.class));
  }

  @Test
  void givenFieldsAreKeptAndMissingPrimitivesDefault() throws Exception {
    SyncParams p = new RpcCall("sync", "{\"folder\":\"notes\", \"force\":true}").params(SyncParams.class);
    assertEquals(new SyncParams("notes", null, true, false, false), p);
    assertEquals("both", p.directionOrDefault());
  }

  @Test
  void ofSerializesWhatTheClientWouldSend() throws Exception {
    SyncParams p = new SyncParams("a", "upload", true, true, false);
    assertEquals(p, RpcCall.of("sync", p).params(SyncParams.class));
  }

  @Test
  void wrongTypeNamesTheField() {
    RpcException e = assertThrows(RpcException.class, () -> new RpcCall("sync", "{\"force\":\"yes\"}").params(SyncParams.class));
    assertEquals(RpcErrors.INVALID_PARAMS, e.code());
    assertTrue(e.getMessage().contains("sync") && e.getMessage().contains("force"), e.getMessage());
  }

  @Test
  void unknownFieldIsRefusedByName() {
    RpcException e = assertThrows(RpcException.class, () -> new RpcCall("sync", "{\"folderr\":\"x\"}").params(SyncParams.class));
    assertEquals(RpcErrors.INVALID_PARAMS, e.code());
    assertTrue(e.getMessage().contains("folderr"), e.getMessage());
  }

  @Test
  void aMethodWithoutParamsRefusesAnyFieldByName() throws Exception {
    new RpcCall("shutdown", null).noParams();
    new RpcCall("shutdown", "{ }").noParams();
    RpcException e = assertThrows(RpcException.class, () -> new RpcCall("shutdown", "{\"dryRun\":true}").noParams());
    assertEquals(RpcErrors.INVALID_PARAMS, e.code());
    assertEquals("invalid params for shutdown: unknown field 'dryRun'", e.getMessage());
    RpcException array = assertThrows(RpcException.class, () -> new RpcCall("status", "[1]").noParams());
    assertEquals(RpcErrors.INVALID_PARAMS, array.code());
  }
}

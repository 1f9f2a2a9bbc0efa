/*
 * A Node-API addon for bench/profile/instructions.mjs: lets JavaScript mark the window callgrind
 * counts. zero() resets callgrind's counters; dump(name) writes what was counted since, under
 * `name`. Outside valgrind both are no-ops (the client requests do nothing).
 */
#include <node_api.h>
#include <valgrind/callgrind.h>

static napi_value zero(napi_env env, napi_callback_info info) {
  (void)env;
  (void)info;
  CALLGRIND_ZERO_STATS;
  return NULL;
}

static napi_value dump(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  char name[64] = "window";
  size_t length = 0;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) == napi_ok && argc == 1)
    napi_get_value_string_utf8(env, argv[0], name, sizeof name, &length);
  CALLGRIND_DUMP_STATS_AT(name);
  return NULL;
}

NAPI_MODULE_INIT() {
  napi_value fn;
  napi_create_function(env, "zero", NAPI_AUTO_LENGTH, zero, NULL, &fn);
  napi_set_named_property(env, exports, "zero", fn);
  napi_create_function(env, "dump", NAPI_AUTO_LENGTH, dump, NULL, &fn);
  napi_set_named_property(env, exports, "dump", fn);
  return exports;
}

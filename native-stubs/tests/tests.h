/* tests.h -- every test, in run order (X-macro list used by test_main.c). */
#define TEST_LIST \
   X(test_b1_initex_parses_config_and_reports_problems) \
   X(test_b1_missing_config_file_warns_and_uses_defaults) \
   X(test_b1_logs_from_caller_and_background_thread) \
   X(test_b1_transport_loglevel_filters_messages) \
   X(test_b1_null_log_functions_and_double_init) \
   X(test_b2_list_transport_modes) \
   X(test_calls_before_initex_fail_cleanly) \
   X(test_exit_with_open_handles_warns) \
   X(test_emit_test_logs_formula) \
   X(test_b7_read_write_sectors_of_flat_extent) \
   X(test_b7_out_of_range_and_edge_cases) \
   X(test_b7_write_on_read_only_handle_fails) \
   X(test_open_errors_missing_and_wrong_type) \
   X(test_second_writer_is_locked_out) \
   X(test_first_write_rewrites_descriptor) \
   X(test_getinfo_of_created_disk) \
   X(test_qemu_img_disk_opens_in_stub) \
   X(test_stub_disk_opens_in_qemu_img) \
   X(test_enable_cache_serves_stale_data) \
   X(test_parallel_io_on_different_handles)

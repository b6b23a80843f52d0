/* tests.h -- every test, in run order (X-macro list used by test_main.c). */
#if VIXDISKLIB_VERSION_MAJOR >= 9
#define TEST_LIST_VDDK9 \
   X(test_v9_changed_areas_since_a_change_id) \
   X(test_v9_unknown_or_expired_change_ids_are_refused) \
   X(test_v9_openex_and_get_connection_from_disk) \
   X(test_v9_change_tracking_follows_rename_and_unlink)
#else
#define TEST_LIST_VDDK9
#endif

#define TEST_LIST \
   TEST_LIST_VDDK9 \
   X(test_b1_initex_parses_config_and_reports_problems) \
   X(test_b1_missing_config_file_warns_and_uses_defaults) \
   X(test_b9_logs_come_on_the_calling_thread_by_default) \
   X(test_b1_background_logging_through_control_api) \
   X(test_b9_config_options_logged_only_at_loglevel_6) \
   X(test_b1_transport_loglevel_filters_messages) \
   X(test_b1_null_log_functions_and_double_init) \
   X(test_initex_after_exit_fails_loudly_through_panic) \
   X(test_b2_list_transport_modes) \
   X(test_calls_before_initex_fail_cleanly) \
   X(test_exit_with_open_handles_warns) \
   X(test_emit_test_logs_formula) \
   X(test_b7_read_write_sectors_of_flat_extent) \
   X(test_b7_out_of_range_and_edge_cases) \
   X(test_b7_write_on_read_only_handle_fails) \
   X(test_open_errors_missing_and_wrong_type) \
   X(test_file_errors_map_alike_in_every_function) \
   X(test_missing_qemu_fails_under_ci) \
   X(test_locks_within_one_process) \
   X(test_locks_across_processes) \
   X(test_lock_refusal_comes_after_retry_period) \
   X(test_lock_of_killed_process_is_stale) \
   X(test_first_write_rewrites_descriptor) \
   X(test_getinfo_of_created_disk) \
   X(test_qemu_img_disk_opens_in_stub) \
   X(test_stub_disk_opens_in_qemu_img) \
   X(test_descriptor_grammar_accepts_and_refuses_like_vddk) \
   X(test_descriptor_text_ends_at_first_nul) \
   X(test_multi_extent_io_crosses_extent_boundaries) \
   X(test_rdonly_extent_opens_but_write_fails_with_13) \
   X(test_adapter_types_map_like_vddk) \
   X(test_disk_written_by_qemu_io_opens) \
   X(test_qemu_img_convert_round_trips) \
   X(test_split_disks_from_qemu_cross_extents) \
   X(test_sparse_disk_allocates_grains_on_write) \
   X(test_sparse_disk_interop_with_qemu) \
   X(test_delta_disk_reads_fall_through_to_parent) \
   X(test_delta_disk_interop_with_qemu) \
   X(test_metadata_keys_read_write) \
   X(test_metadata_values_are_read_whole_and_oversized_ones_refused) \
   X(test_query_allocated_blocks_chunk_rules) \
   X(test_enable_cache_serves_stale_data) \
   X(test_parallel_io_on_different_handles) \
   X(test_b3_local_connections_use_file_transport) \
   X(test_b3_remote_credentials_are_checked) \
   X(test_b3_wrong_thumbprint_fails_first_open) \
   X(test_b3_datastore_paths_resolve_to_local_dirs) \
   X(test_disconnect_with_open_handle_keeps_handle_usable) \
   X(test_environment_file_defines_servers) \
   X(test_b4_transport_selection_rules) \
   X(test_b4_powered_on_vm_needs_snapshot) \
   X(test_b4_san_on_local_storage_fails_writes) \
   X(test_b5_san_io_is_direct_and_needs_alignment) \
   X(test_b6_nfc_timeout_applies_to_nbd_only) \
   X(test_b6_nfc_loglevel_filters_nfc_messages) \
   X(test_nfc_aio_buffer_limit_fails_open) \
   X(test_b8_prepare_for_access_on_esxi_fails_with_message) \
   X(test_b8_prepare_and_end_access_on_vcenter) \
   X(test_b9_cleanup_after_killed_process) \
   X(test_b9_cleanup_with_local_params_is_ok_and_leaves_counts) \
   X(test_b8_concurrent_processes_keep_state_consistent) \
   X(test_async_io_completes_on_worker_threads) \
   X(test_async_close_waits_for_requests_in_flight) \
   X(test_async_sync_and_async_writes_do_not_mix) \
   X(test_async_injected_fault_arrives_through_callback) \
   X(test_async_wait_from_own_callback_is_refused) \
   X(test_b10_error_texts) \
   X(test_fault_injection_without_side_effects) \
   X(test_counters_and_reset) \
   X(test_symbols_found_by_plain_name) \
   X(test_concurrent_open_close_is_thread_safe) \
   X(test_create_flat_disk_with_params_progress_and_qemu_img_interop) \
   X(test_create_refuses_existing_paths_and_impossible_params) \
   X(test_paths_a_descriptor_cannot_name_are_refused_leaving_nothing) \
   X(test_create_cancelled_by_progress_leaves_nothing) \
   X(test_grow_flat_disk_keeps_data_and_updates_geometry) \
   X(test_shrink_and_defragment_of_flat_disk_succeed_without_change) \
   X(test_rename_moves_descriptor_and_extent) \
   X(test_unlink_deletes_every_file_of_the_disk) \
   X(test_clone_copies_data_with_progress_and_honours_overwrite) \
   X(test_clone_from_a_remote_datastore_to_a_local_disk) \
   X(test_check_repair_reports_and_repairs_a_short_flat_extent) \
   X(test_space_needed_for_clone_by_target_type) \
   X(test_sparse_disks_are_created_cloned_renamed_and_unlinked) \
   X(test_get_connect_params_returns_an_owned_copy) \
   X(test_create_child_reads_fall_through_and_writes_stay_in_the_child) \
   X(test_attach_puts_a_single_link_child_on_its_parent) \
   X(test_sparse_shrink_defragment_and_grow_rewrite_the_file) \
   X(test_disk_management_functions_honour_injected_faults) \
   X(test_disk_management_before_initex_fails)

/* Scenarios run by t_in_child in a process of their own (test_main.c: stubtest --child). */
#define CHILD_LIST \
   X(loglevel_zero_silences_everything) \
   X(exit_with_open_handle) \
   X(config_options_at_loglevel_6)

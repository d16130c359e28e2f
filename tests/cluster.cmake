# The throwaway cluster shared by the integration and e2e tests of one
# ctest run (included by tests/CMakeLists.txt). Setup and cleanup are
# fixture tests, so ctest runs the cleanup even when tests fail.
add_executable(cdk-testdb ${CMAKE_CURRENT_SOURCE_DIR}/db/testdb_tool.c)
target_link_libraries(cdk-testdb PRIVATE cdk_testsupport)
set_target_properties(cdk-testdb PROPERTIES
  RUNTIME_OUTPUT_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})

add_test(NAME cluster/setup
  COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/support/cluster_fixture.sh setup)
add_test(NAME cluster/cleanup
  COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/support/cluster_fixture.sh cleanup)
set_tests_properties(cluster/setup PROPERTIES FIXTURES_SETUP cluster
  ENVIRONMENT "${CDK_TEST_ENV}" LABELS "integration;e2e" TIMEOUT 120)
set_tests_properties(cluster/cleanup PROPERTIES FIXTURES_CLEANUP cluster
  ENVIRONMENT "${CDK_TEST_ENV}" LABELS "integration;e2e" TIMEOUT 60)

/*
 * The sink implementations, one per format (reports/sink_*.c), for
 * reports/sink.c to hand out. Internal to reports/.
 */
#ifndef CDK_REPORTS_SINKS_H
#define CDK_REPORTS_SINKS_H

#include "report.h"

extern const struct cdk_report_sink_ops cdk_report_csv_ops;
extern const struct cdk_report_sink_ops cdk_report_json_ops;
extern const struct cdk_report_sink_ops cdk_report_jsonl_ops;
extern const struct cdk_report_sink_ops cdk_report_markdown_ops;

#endif

from django.urls import path

from reports.views import actions, benchmarks, report_page, wizard, workbook_upload

app_name = "reports"

urlpatterns = [
    path("accounts/reports/new/", wizard.new_report, name="new"),
    path("accounts/reports/new/workbook/", workbook_upload.upload_new, name="upload_new"),
    path("accounts/reports/<int:pk>/step/<int:step>/", wizard.wizard_step, name="step"),
    path("accounts/reports/<int:pk>/workbook/", workbook_upload.upload_into, name="upload_into"),
    path("accounts/reports/<int:pk>/", report_page.report_page, name="report"),
    path("accounts/reports/<int:pk>/value-map.csv", report_page.value_map_csv, name="value_map_csv"),
    path("accounts/reports/<int:pk>/value-map.xlsx", report_page.value_map_xlsx, name="value_map_xlsx"),
    path("accounts/reports/<int:pk>/report.pdf", report_page.report_pdf_preview, name="pdf"),
    path("accounts/reports/<int:pk>/submit/", actions.submit, name="submit"),
    path("accounts/reports/<int:pk>/withdraw/", actions.withdraw, name="withdraw"),
    path("reports/<slug:slug>/", report_page.public_report, name="public"),
    path("reports/<slug:slug>/report.pdf", report_page.public_report_pdf, name="public_pdf"),
    path("reports/<slug:slug>/value-map.csv", report_page.public_value_map_csv, name="public_value_map_csv"),
    path("reports/<slug:slug>/value-map.xlsx", report_page.public_value_map_xlsx, name="public_value_map_xlsx"),
    path("analyst/benchmarks/", benchmarks.benchmarks, name="benchmarks"),
]

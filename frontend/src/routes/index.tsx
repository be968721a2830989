import type { RouteObject } from "react-router";
import { Outlet } from "react-router";
import { RequireAuth, RequireRole } from "@/features/auth/components/require-auth";
import type { Role } from "@/features/auth/api/auth";
import { HomeRedirect, NotFoundPage } from "./home";
import { AppLayout } from "./layout";
import { LoginPage } from "./login";
import { NotificationsPage } from "./notifications";
import { ProfilePage } from "./profile";
import { RegisterPage } from "./register";
import { PatientAppointmentsPage } from "./patient/appointments";
import { PatientBillPage, PatientBillsPage, PatientReceiptPage, PatientStatementPage } from "./patient/bills";
import { PatientBookPage } from "./patient/book";
import { PatientCarePage } from "./patient/care";
import { PatientChartPage } from "./doctor/patient-chart";
import { DoctorPatientsPage } from "./doctor/patients";
import { DoctorSchedulePage } from "./doctor/schedule";
import { ApprovalsInboxPage } from "./doctor/approvals";
import { DoctorHoursPage } from "./doctor/hours";
import { DoctorCalendarFeedPage } from "./doctor/calendar-feed";
import { NewRecordPage } from "./doctor/record-new";
import { PatientRecordsPage } from "./patient/records";
import { StaffBillingPage } from "./staff/billing";
import { AuditLogPage } from "./admin/audit-log";
import { AdminDoctorsPage } from "./admin/doctors";
import { AdminOfficesPage } from "./admin/offices";
import { AdminSpecialtiesPage } from "./admin/specialties";
import { AdminUsersPage } from "./admin/users";
import { ScheduleBoardPage } from "./staff/board";
import { StaffBookPage } from "./staff/book";
import { BookSeriesPage } from "./staff/book-series";
import { StaffPatientDetailPage } from "./staff/patient-detail";
import { StaffPatientsPage } from "./staff/patients";
import { PatientWaitlistPage } from "./patient/waitlist";
import { StaffWaitlistPage } from "./staff/waitlist";
import { DoctorTimeOffPage } from "./doctor/time-off";
import { ClosuresPage } from "./staff/closures";
import { OutboxPage } from "./staff/outbox";
import { StaffBillPage, StaffReceiptPage, StaffStatementPage } from "./staff/bill";

function roleSection(role: Role, children: RouteObject[]): RouteObject {
  return {
    path: role,
    element: (
      <RequireRole roles={[role]}>
        <Outlet />
      </RequireRole>
    ),
    children,
  };
}

export const routes: RouteObject[] = [
  { path: "/login", element: <LoginPage /> },
  { path: "/register", element: <RegisterPage /> },
  {
    path: "/",
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <HomeRedirect /> },
      { path: "profile", element: <ProfilePage /> },
      { path: "notifications", element: <NotificationsPage /> },
      roleSection("patient", [
        { path: "appointments", element: <PatientAppointmentsPage /> },
        { path: "book", element: <PatientBookPage /> },
        { path: "bills", element: <PatientBillsPage /> },
        { path: "bills/statement", element: <PatientStatementPage /> },
        { path: "bills/:billId", element: <PatientBillPage /> },
        { path: "bills/:billId/receipts/:paymentId", element: <PatientReceiptPage /> },
        { path: "care", element: <PatientCarePage /> },
        { path: "records", element: <PatientRecordsPage /> },
        { path: "waitlist", element: <PatientWaitlistPage /> },
      ]),
      roleSection("doctor", [
        { path: "schedule", element: <DoctorSchedulePage /> },
        { path: "patients", element: <DoctorPatientsPage /> },
        { path: "patients/:id", element: <PatientChartPage /> },
        { path: "appointments/:id/record", element: <NewRecordPage /> },
        { path: "approvals", element: <ApprovalsInboxPage /> },
        { path: "hours", element: <DoctorHoursPage /> },
        { path: "calendar-feed", element: <DoctorCalendarFeedPage /> },
        { path: "time-off", element: <DoctorTimeOffPage /> },
        { path: "book-series", element: <BookSeriesPage /> },
      ]),
      roleSection("staff", [
        { path: "board", element: <ScheduleBoardPage /> },
        { path: "patients", element: <StaffPatientsPage /> },
        { path: "patients/:id", element: <StaffPatientDetailPage /> },
        { path: "book", element: <StaffBookPage /> },
        { path: "billing", element: <StaffBillingPage /> },
        { path: "billing/:billId", element: <StaffBillPage /> },
        { path: "billing/:billId/receipts/:paymentId", element: <StaffReceiptPage /> },
        { path: "patients/:id/statement", element: <StaffStatementPage /> },
        { path: "waitlist", element: <StaffWaitlistPage /> },
        { path: "closures", element: <ClosuresPage /> },
        { path: "outbox", element: <OutboxPage /> },
        { path: "book-series", element: <BookSeriesPage /> },
      ]),
      roleSection("admin", [
        { path: "users", element: <AdminUsersPage /> },
        { path: "doctors", element: <AdminDoctorsPage /> },
        { path: "offices", element: <AdminOfficesPage /> },
        { path: "specialties", element: <AdminSpecialtiesPage /> },
        { path: "audit-log", element: <AuditLogPage /> },
        { path: "closures", element: <ClosuresPage /> },
        { path: "outbox", element: <OutboxPage /> },
      ]),
      { path: "*", element: <NotFoundPage /> },
    ],
  },
];

import { useEffect, useRef, useState } from "react";
import { NavLink, Outlet, useLocation } from "react-router";
import { signOut, type Role } from "@/features/auth/api/auth";
import { useCurrentUser } from "@/features/auth/current-user";
import { NotificationBell } from "@/features/notifications/components/notification-bell";
import { cn } from "@/utils/cn";

type NavItem = { to: string; label: string };

/** What each role finds in the navigation. */
export const NAVIGATION: Record<Role, NavItem[]> = {
  patient: [
    { to: "/patient/appointments", label: "Appointments" },
    { to: "/patient/book", label: "Book" },
    { to: "/patient/records", label: "Records" },
    { to: "/patient/bills", label: "Bills" },
    { to: "/patient/care", label: "Care & insurance" },
    { to: "/patient/waitlist", label: "Waitlist" },
  ],
  doctor: [
    { to: "/doctor/schedule", label: "Schedule" },
    { to: "/doctor/patients", label: "Patients" },
    { to: "/doctor/approvals", label: "Approvals" },
    { to: "/doctor/hours", label: "Hours" },
    { to: "/doctor/calendar-feed", label: "Calendar feed" },
    { to: "/doctor/time-off", label: "Time off" },
    { to: "/doctor/book-series", label: "Book a series" },
  ],
  staff: [
    { to: "/staff/board", label: "Schedule board" },
    { to: "/staff/patients", label: "Patients" },
    { to: "/staff/book", label: "Book" },
    { to: "/staff/billing", label: "Billing" },
    { to: "/staff/waitlist", label: "Waitlist" },
    { to: "/staff/closures", label: "Closures" },
    { to: "/staff/outbox", label: "Outbox" },
    { to: "/staff/book-series", label: "Book a series" },
  ],
  admin: [
    { to: "/admin/users", label: "Users" },
    { to: "/admin/doctors", label: "Doctors" },
    { to: "/admin/offices", label: "Offices" },
    { to: "/admin/specialties", label: "Specialties" },
    { to: "/admin/audit-log", label: "Audit log" },
    { to: "/admin/closures", label: "Closures" },
    { to: "/admin/outbox", label: "Outbox" },
  ],
};

const linkClass = ({ isActive }: { isActive: boolean }) =>
  cn(
    "block rounded-md px-3 py-2 text-sm font-medium",
    isActive ? "bg-white text-brand-800" : "text-white hover:bg-white/15",
  );

export function AppLayout() {
  const user = useCurrentUser();
  const [menuOpen, setMenuOpen] = useState(false);
  const location = useLocation();
  const items = NAVIGATION[user.role];
  const [lastPath, setLastPath] = useState(location.pathname);
  if (lastPath !== location.pathname) {
    setLastPath(location.pathname);
    setMenuOpen(false);
  }
  // After client-side navigation, move focus to the new page so screen readers announce it
  // and keyboard users start from its top (not on the first load).
  const main = useRef<HTMLElement>(null);
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    main.current?.focus();
  }, [location.pathname]);

  return (
    <div className="min-h-dvh">
      <a href="#main" className="sr-only print:hidden focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        Skip to content
      </a>
      <header className="bg-brand-800 text-white print:hidden">
        <div className="mx-auto flex max-w-6xl items-center gap-3 px-3 py-2 sm:px-6">
          <NavLink to="/" className="mr-2 text-lg font-bold tracking-tight">
            Clinic
          </NavLink>
          <nav aria-label="Main" className="hidden flex-1 md:block">
            <ul className="flex flex-wrap gap-1">
              {items.map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to} className={linkClass}>
                    {item.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <div className="ml-auto flex items-center gap-1">
            <NotificationBell />
            <NavLink to="/profile" className={({ isActive }) => cn(linkClass({ isActive }), "hidden sm:block")}>
              <span className="sr-only">Profile of </span>
              {user.username}
            </NavLink>
            <button type="button" onClick={() => void signOut()} className="hidden rounded-md px-3 py-2 text-sm font-medium hover:bg-white/15 sm:block">
              Sign out
            </button>
            <button
              type="button"
              className="inline-flex size-11 items-center justify-center rounded-md hover:bg-white/15 md:hidden"
              aria-expanded={menuOpen}
              aria-controls="mobile-nav"
              onClick={() => setMenuOpen((o) => !o)}
            >
              <span className="sr-only">Menu</span>
              <svg viewBox="0 0 24 24" className="size-6" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden>
                <path d="M4 6h16M4 12h16M4 18h16" strokeLinecap="round" />
              </svg>
            </button>
          </div>
        </div>
        {menuOpen && (
          <nav id="mobile-nav" aria-label="Main" className="border-t border-white/20 px-3 pb-3 md:hidden">
            <ul className="space-y-1 pt-2">
              {items.map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to} className={linkClass}>
                    {item.label}
                  </NavLink>
                </li>
              ))}
              <li>
                <NavLink to="/profile" className={linkClass}>
                  Profile ({user.username})
                </NavLink>
              </li>
              <li>
                <button type="button" onClick={() => void signOut()} className="block w-full rounded-md px-3 py-2 text-left text-sm font-medium hover:bg-white/15">
                  Sign out
                </button>
              </li>
            </ul>
          </nav>
        )}
      </header>
      <main id="main" ref={main} tabIndex={-1} className="mx-auto max-w-6xl px-3 py-6 outline-none sm:px-6">
        <Outlet />
      </main>
    </div>
  );
}

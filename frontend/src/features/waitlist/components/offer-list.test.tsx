import { fireEvent, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { json, mockApi, renderWithProviders } from "@/test/render";
import type { WaitlistOffer } from "../api/waitlist";
import { OfferList } from "./offer-list";

afterEach(() => vi.unstubAllGlobals());

const offer: WaitlistOffer = {
  id: 5,
  entry_id: 2,
  patient_id: 7,
  doctor_id: 3,
  doctor_name: "Gregory House",
  office_id: 4,
  office_name: "Downtown",
  time_zone: "America/Chicago",
  starts_at: "2099-03-11T15:00:00Z",
  ends_at: "2099-03-11T15:30:00Z",
  duration_minutes: 30,
  expires_at: "2099-03-11T14:00:00Z",
  status: "open",
  booked_appointment_id: null,
  created_at: "2099-03-11T12:00:00Z",
  can_answer: true,
};

describe("OfferList", () => {
  it("shows the time left and explains a slot someone else took first", async () => {
    mockApi({
      "POST /api/v1/waitlist/offers/5/accept": () =>
        json({ type: "about:blank", title: "Conflict", status: 409, code: "waitlist_offer_taken", detail: "someone else accepted this visit first" }, 409),
    });
    renderWithProviders(<OfferList offers={[offer]} />);
    expect(screen.getByText(/left$/)).toBeInTheDocument();
    fireEvent.click(screen.getByRole("button", { name: "Accept this visit" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(/Someone else accepted this visit first/);
  });

  it("offers no answer once the offer has expired", () => {
    renderWithProviders(<OfferList offers={[{ ...offer, expires_at: "2000-01-01T00:00:00Z" }]} />);
    expect(screen.queryByRole("button", { name: "Accept this visit" })).toBeNull();
    expect(screen.getByText("expired")).toBeInTheDocument();
  });
});

import { describe, expect, it } from "vitest";
import { classifySearch, parseBirthDate, searchHint } from "./search-text";

describe("patient search text", () => {
  it("reads dates of birth the ways people write them", () => {
    for (const typed of ["1980-03-04", "03/04/1980", "3/4/1980", "03-04-1980", "04.03.1980", "1980/03/04", "March 4, 1980", "Mar 4 1980", "4 March 1980"]) {
      expect(parseBirthDate(typed), typed).toBe("1980-03-04");
    }
    expect(parseBirthDate("13/45/1980")).toBeNull();
    expect(parseBirthDate("3/4/80")).toBeNull();
    expect(parseBirthDate("02/30/1980")).toBeNull();
  });

  it("reads phone numbers in any formatting as their digits", () => {
    expect(classifySearch("(312) 555-0142")).toEqual({ kind: "phone", digits: "3125550142" });
    expect(classifySearch("+1 312.555.0142")).toEqual({ kind: "phone", digits: "13125550142" });
    expect(classifySearch("12")).toEqual({ kind: "name", text: "12" });
  });

  it("reads an @ as an email and the rest as a name", () => {
    expect(classifySearch("Ada@Example.org")).toEqual({ kind: "email", text: "ada@example.org" });
    expect(classifySearch("  Meridith   Grey ")).toEqual({ kind: "name", text: "meridith grey" });
    expect(classifySearch("   ")).toBeNull();
    expect(searchHint(classifySearch("555-0142"))).toBe("Searching phone numbers for the digits 5550142.");
  });
});

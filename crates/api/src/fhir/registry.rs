//! What the FHIR API serves, in one table: each resource type with its search parameters and
//! `_include`s. The search parser accepts exactly these, the CapabilityStatement lists exactly
//! these and the OpenAPI document documents exactly these, so none of the three can claim what
//! the others do not do.

/// How a search parameter's value is read (FHIR search parameter types).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamKind {
    /// A code, optionally `system|code`.
    Token,
    /// Text matching the start of a value, ignoring case.
    String,
    /// A date or moment with an optional `eq`, `ge`, `gt`, `le` or `lt` prefix.
    Date,
    /// `Type/id`, or the id alone.
    Reference,
}

impl ParamKind {
    /// The FHIR `SearchParamType` code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Token => "token",
            Self::String => "string",
            Self::Date => "date",
            Self::Reference => "reference",
        }
    }
}

/// One supported search parameter.
#[derive(Debug, Clone, Copy)]
pub struct SearchParam {
    pub name: &'static str,
    pub kind: ParamKind,
    pub documentation: &'static str,
}

/// One supported resource type.
#[derive(Debug)]
pub struct ResourceType {
    pub name: &'static str,
    /// Who may read it and where it comes from, for the CapabilityStatement and Swagger UI.
    pub documentation: &'static str,
    /// Search parameters besides `_id` (which every type takes).
    pub params: &'static [SearchParam],
    /// `_include` values, e.g. `Appointment:patient`.
    pub includes: &'static [&'static str],
}

const fn param(name: &'static str, kind: ParamKind, documentation: &'static str) -> SearchParam {
    SearchParam {
        name,
        kind,
        documentation,
    }
}

/// `_id`: every type is searched by its logical id.
pub const ID_PARAM: SearchParam = param("_id", ParamKind::Token, "The logical id");

const PATIENT_PARAM: SearchParam = param(
    "patient",
    ParamKind::Reference,
    "The patient (`Patient/{id}` or the id)",
);

use ParamKind::{Date, Reference, String, Token};

/// Every resource type served, in the order the CapabilityStatement lists them.
pub const RESOURCE_TYPES: &[ResourceType] = &[
    ResourceType {
        name: "Patient",
        documentation: "Registered patients. A patient reads only themself; doctors the patients they treat; staff and admins everyone. Gender, race and ethnicity are shown to those who may read demographics (admins, staff, the patient).",
        params: &[
            param(
                "identifier",
                Token,
                "The medical record number (`urn:clinic:mrn|{n}`)",
            ),
            param("name", String, "The start of any name part"),
            param("family", String, "The start of the last name"),
            param("given", String, "The start of the first or middle name"),
            param("birthdate", Date, "The date of birth (day precision)"),
            param(
                "gender",
                Token,
                "male, female, other or unknown (admins and staff only)",
            ),
        ],
        includes: &[],
    },
    ResourceType {
        name: "Appointment",
        documentation: "Visits. Patients see their own; doctors theirs and those of the patients they treat; staff and admins everyone's.",
        params: &[
            PATIENT_PARAM,
            param(
                "practitioner",
                Reference,
                "The doctor (`Practitioner/{id}`)",
            ),
            param("location", Reference, "The office (`Location/{id}`)"),
            param(
                "date",
                Date,
                "The start; repeat with prefixes for a range (`ge`, `gt`, `le`, `lt`)",
            ),
            param(
                "status",
                Token,
                "proposed, pending, booked, arrived, fulfilled, cancelled, noshow",
            ),
        ],
        includes: &[
            "Appointment:patient",
            "Appointment:practitioner",
            "Appointment:location",
        ],
    },
    ResourceType {
        name: "Practitioner",
        documentation: "The clinic's doctors (the directory: everyone signed in).",
        params: &[param("name", String, "Part of the doctor's name")],
        includes: &[],
    },
    ResourceType {
        name: "Location",
        documentation: "The clinic's offices (the directory: everyone signed in).",
        params: &[param("name", String, "Part of the office's name or city")],
        includes: &[],
    },
    ResourceType {
        name: "Encounter",
        documentation: "Completed visits (an Appointment with status fulfilled, same id). Readable as the visit is: the patient, their doctors, staff and admins.",
        params: &[
            PATIENT_PARAM,
            param(
                "practitioner",
                Reference,
                "The doctor (`Practitioner/{id}`)",
            ),
            param(
                "participant",
                Reference,
                "The doctor (`Practitioner/{id}`), as practitioner",
            ),
            param(
                "date",
                Date,
                "The visit's start; repeat with prefixes for a range (`ge`, `gt`, `le`, `lt`)",
            ),
        ],
        includes: &[],
    },
    ResourceType {
        name: "DiagnosticReport",
        documentation: "The test results of one medical record, grouping their Observations. Clinical: the patient and the doctors who treat them; staff and admins never.",
        params: &[
            PATIENT_PARAM,
            param(
                "date",
                Date,
                "When the results were taken; prefixes as for Appointment",
            ),
        ],
        includes: &[],
    },
    ResourceType {
        name: "Observation",
        documentation: "Each test result of a medical record (id `{record}-{n}`) and each vital sign (id `{record}-vs-{key}`, LOINC-coded). Clinical: the patient and the doctors who treat them; staff and admins never.",
        params: &[
            PATIENT_PARAM,
            param(
                "date",
                Date,
                "When it was observed; prefixes as for Appointment",
            ),
            param(
                "code",
                Token,
                "A LOINC code, or `http://loinc.org|{code}` (vital signs carry LOINC codes; test results only a name)",
            ),
            param("category", Token, "laboratory or vital-signs"),
        ],
        includes: &[],
    },
    ResourceType {
        name: "MedicationRequest",
        documentation: "Prescriptions. Clinical: the patient and the doctors who treat them; staff and admins never.",
        params: &[
            PATIENT_PARAM,
            param(
                "status",
                Token,
                "active, completed or stopped (at the time of the search)",
            ),
        ],
        includes: &[],
    },
    ResourceType {
        name: "ServiceRequest",
        documentation: "Specialist referrals (specialist approvals). The patient sees their own; doctors those they made, those addressed to them and those of patients they treat; staff and admins all (as the REST API's referral list).",
        params: &[
            PATIENT_PARAM,
            param(
                "status",
                Token,
                "active (pending or approved) or revoked (denied or cancelled)",
            ),
        ],
        includes: &[],
    },
    ResourceType {
        name: "Task",
        documentation: "The approval decision of a specialist referral (same id as its ServiceRequest). Readable as the referral is.",
        params: &[
            PATIENT_PARAM,
            param(
                "status",
                Token,
                "requested, accepted, rejected or cancelled",
            ),
        ],
        includes: &[],
    },
    ResourceType {
        name: "PractitionerRole",
        documentation: "Each doctor's role (id = the doctor's id): specialty, offices and weekly working hours (the directory: everyone signed in).",
        params: &[
            param(
                "practitioner",
                Reference,
                "The doctor (`Practitioner/{id}`)",
            ),
            param(
                "location",
                Reference,
                "An office the doctor works at (`Location/{id}`)",
            ),
            param(
                "specialty",
                Token,
                "The specialty's id (`urn:clinic:specialty|{id}` or the id)",
            ),
        ],
        includes: &[],
    },
    ResourceType {
        name: "Organization",
        documentation: "The clinic itself, id `clinic` (everyone signed in).",
        params: &[param("name", String, "The start of the clinic's name")],
        includes: &[],
    },
    ResourceType {
        name: "Coverage",
        documentation: "Insurance policies. Whoever may read the patient's profile: admins, staff, the doctors who treat the patient, the patient themself. Searched per patient (`patient` or `beneficiary` is required).",
        params: &[
            PATIENT_PARAM,
            param(
                "beneficiary",
                Reference,
                "The insured patient (the same as `patient`)",
            ),
        ],
        includes: &[],
    },
    ResourceType {
        name: "CareTeam",
        documentation: "A patient's doctors, one team per patient (id = the patient's id), the primary doctor coded. Whoever may read the patient: admins, staff, the doctors who treat the patient, the patient themself. `patient` is required.",
        params: &[PATIENT_PARAM],
        includes: &[],
    },
    ResourceType {
        name: "Invoice",
        documentation: "Bills, with their payment state. Staff and admins read every bill, a patient their own; doctors none. `patient` is required.",
        params: &[
            PATIENT_PARAM,
            param(
                "status",
                Token,
                "issued (still owed), balanced (paid) or cancelled (void)",
            ),
            param(
                "date",
                Date,
                "The day issued; repeat with prefixes for a range (`ge`, `gt`, `le`, `lt`)",
            ),
        ],
        includes: &[],
    },
    ResourceType {
        name: "AuditEvent",
        documentation: "The audit log, without any old or new values. Admins only.",
        params: &[
            param(
                "date",
                Date,
                "When it was recorded; repeat with prefixes for a range (`ge`, `gt`, `le`, `lt`)",
            ),
            param(
                "patient",
                Reference,
                "The patient whose record the entry is about (`Patient/{id}`)",
            ),
            param(
                "agent-name",
                String,
                "Who did it: part of the username, or the user id (digits only)",
            ),
        ],
        includes: &[],
    },
];

/// The served type named `name` (case-sensitive, as FHIR type names are).
pub fn find(name: &str) -> Option<&'static ResourceType> {
    RESOURCE_TYPES.iter().find(|t| t.name == name)
}

impl ResourceType {
    /// The parameter called `name`, `_id` included.
    pub fn param(&self, name: &str) -> Option<&'static SearchParam> {
        if name == ID_PARAM.name {
            return Some(&ID_PARAM);
        }
        self.params.iter().find(|p| p.name == name)
    }
}

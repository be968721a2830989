//! Vital signs taken at a visit, stored with the record (`medical_records.vitals`, jsonb) as
//! structured results: each measure has one unit, a plausible range a value must fall in, and
//! an adult reference range (and critical limits) the domain flags it against.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::ResultFlag;
use crate::clinical::json_fields::reject_unknown_keys;
use crate::error::{ValidationError, ValidationErrors};

/// One kind of vital sign, with its unit and ranges.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct VitalSpec {
    /// The JSON key, e.g. `pulse_bpm`.
    pub key: &'static str,
    /// What a chart calls it.
    pub label: &'static str,
    pub unit: &'static str,
    /// A value outside this is a typing error, refused.
    pub plausible: (f64, f64),
    /// Normal (adult, at rest); `None` for measures without one (weight, height).
    pub normal: Option<(f64, f64)>,
    /// Below the first or above the second: critical.
    pub critical: Option<(f64, f64)>,
}

/// The vital signs a record carries, in the order a chart shows them.
pub const VITALS: [VitalSpec; 7] = [
    VitalSpec {
        key: "systolic_mmhg",
        label: "Blood pressure (systolic)",
        unit: "mmHg",
        plausible: (40.0, 300.0),
        normal: Some((90.0, 129.0)),
        critical: Some((70.0, 180.0)),
    },
    VitalSpec {
        key: "diastolic_mmhg",
        label: "Blood pressure (diastolic)",
        unit: "mmHg",
        plausible: (20.0, 200.0),
        normal: Some((60.0, 84.0)),
        critical: Some((40.0, 120.0)),
    },
    VitalSpec {
        key: "pulse_bpm",
        label: "Pulse",
        unit: "bpm",
        plausible: (20.0, 300.0),
        normal: Some((60.0, 100.0)),
        critical: Some((40.0, 130.0)),
    },
    VitalSpec {
        key: "temperature_c",
        label: "Temperature",
        unit: "°C",
        plausible: (25.0, 45.0),
        normal: Some((36.1, 37.5)),
        critical: Some((35.0, 40.0)),
    },
    VitalSpec {
        key: "weight_kg",
        label: "Weight",
        unit: "kg",
        plausible: (0.2, 500.0),
        normal: None,
        critical: None,
    },
    VitalSpec {
        key: "height_cm",
        label: "Height",
        unit: "cm",
        plausible: (20.0, 280.0),
        normal: None,
        critical: None,
    },
    VitalSpec {
        key: "spo2_percent",
        label: "Oxygen saturation (SpO2)",
        unit: "%",
        plausible: (50.0, 100.0),
        normal: Some((95.0, 100.0)),
        critical: Some((90.0, 101.0)),
    },
];

impl VitalSpec {
    /// The flag of `value`: critical beyond the critical limits, else low/high outside the
    /// normal range, else normal; `None` for a measure without a normal range.
    #[must_use]
    pub fn flag(&self, value: f64) -> Option<ResultFlag> {
        let (low, high) = self.normal?;
        if let Some((critical_low, critical_high)) = self.critical
            && (value < critical_low || value > critical_high)
        {
            return Some(ResultFlag::Critical);
        }
        Some(if value < low {
            ResultFlag::Low
        } else if value > high {
            ResultFlag::High
        } else {
            ResultFlag::Normal
        })
    }
}

/// The vitals of one record: a measure per key of [`VITALS`], each optional (at least one).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Vitals(Map<String, Value>);

/// One vital sign as a chart shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct VitalReading {
    pub spec: VitalSpec,
    pub value: f64,
    pub flag: Option<ResultFlag>,
}

impl Vitals {
    /// Validates a client's `vitals` object; errors name `vitals.<key>`.
    ///
    /// # Errors
    /// Not an object, an unknown key, a value that is not a number within the measure's
    /// plausible range, or an object with no measure at all.
    pub fn parse(raw: &Value) -> Result<Vitals, ValidationErrors> {
        let Value::Object(object) = raw else {
            return Err(ValidationError::new("vitals", "must be an object").into());
        };
        let mut errors = ValidationErrors::new();
        let keys: Vec<&str> = VITALS.iter().map(|v| v.key).collect();
        reject_unknown_keys(object, &keys, "vitals", &mut errors);
        let mut kept = Map::new();
        for spec in &VITALS {
            match object.get(spec.key) {
                None | Some(Value::Null) => {}
                Some(Value::Number(n)) => match n.as_f64() {
                    Some(v) if v >= spec.plausible.0 && v <= spec.plausible.1 => {
                        kept.insert(spec.key.to_owned(), Value::Number(n.clone()));
                    }
                    _ => errors.push(ValidationError::new(
                        format!("vitals.{}", spec.key),
                        format!(
                            "must be between {} and {} {}",
                            spec.plausible.0, spec.plausible.1, spec.unit
                        ),
                    )),
                },
                Some(_) => errors.push(ValidationError::new(
                    format!("vitals.{}", spec.key),
                    "must be a number",
                )),
            }
        }
        errors.into_result()?;
        if kept.is_empty() {
            return Err(ValidationError::new("vitals", "name at least one measure").into());
        }
        Ok(Vitals(kept))
    }

    /// The measures taken, in chart order, each flagged against its range.
    #[must_use]
    pub fn readings(&self) -> Vec<VitalReading> {
        VITALS
            .iter()
            .filter_map(|spec| {
                let value = self.0.get(spec.key)?.as_f64()?;
                Some(VitalReading {
                    spec: *spec,
                    value,
                    flag: spec.flag(value),
                })
            })
            .collect()
    }

    /// The JSON stored in `medical_records.vitals`.
    #[must_use]
    pub fn to_json(&self) -> Value {
        Value::Object(self.0.clone())
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn spec(key: &str) -> VitalSpec {
        *VITALS.iter().find(|v| v.key == key).unwrap()
    }

    #[test]
    fn vitals_are_flagged_against_their_ranges() {
        use ResultFlag as F;
        let systolic = spec("systolic_mmhg");
        assert_eq!(systolic.flag(120.0), Some(F::Normal));
        assert_eq!(systolic.flag(145.0), Some(F::High));
        assert_eq!(systolic.flag(185.0), Some(F::Critical));
        assert_eq!(systolic.flag(85.0), Some(F::Low));
        assert_eq!(spec("spo2_percent").flag(88.0), Some(F::Critical));
        assert_eq!(spec("spo2_percent").flag(100.0), Some(F::Normal));
        assert_eq!(spec("weight_kg").flag(80.0), None);
    }

    #[test]
    fn readings_come_in_chart_order_with_units() {
        let vitals = Vitals::parse(&json!({"pulse_bpm": 110, "systolic_mmhg": 120})).unwrap();
        let readings = vitals.readings();
        assert_eq!(readings[0].spec.key, "systolic_mmhg");
        assert_eq!(readings[1].spec.unit, "bpm");
        assert_eq!(readings[1].flag, Some(ResultFlag::High));
    }

    #[test]
    fn implausible_unknown_and_empty_vitals_are_refused_by_path() {
        let errors = Vitals::parse(&json!({"pulse_bpm": 900, "temperature_c": "hot", "bmi": 20}))
            .unwrap_err();
        for field in ["vitals.pulse_bpm", "vitals.temperature_c", "vitals.bmi"] {
            assert!(errors.has_field(field), "{field}: {errors}");
        }
        assert!(Vitals::parse(&json!({})).unwrap_err().has_field("vitals"));
        assert!(Vitals::parse(&json!([])).unwrap_err().has_field("vitals"));
    }
}

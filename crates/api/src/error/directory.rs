//! HTTP answers of the use cases of the directory: specialties, offices and doctors.

use clinic_domain::directory::{
    CreateDoctorError, CreateOfficeError, CreateSpecialtyError, Draft, EditDoctorError,
    EditOfficeError, EditSpecialtyError, ReadDirectoryError, SetDoctorOfficesError,
    SetWorkingHoursError,
};
use clinic_domain::scheduling::VisitTypeError;
use clinic_domain::scheduling::availability::SearchSlotsError;
use clinic_domain::{ValidationError, ValidationErrors};
use validator::Validate;

use super::{ApiError, collect_validator_errors};

/// The request's shape checks (`validator`) and then its parse, as the use case's input: the
/// use case looks at it only once access is granted, so a refusal never depends on the body.
pub fn draft<T>(
    dto: &impl Validate,
    parse: impl FnOnce() -> Result<T, ValidationErrors>,
) -> Draft<T> {
    let Err(invalid) = dto.validate() else {
        return parse();
    };
    let mut fields = Vec::new();
    collect_validator_errors(&invalid, "", &mut fields);
    fields.sort_by(|a, b| a.field.cmp(&b.field));
    let mut errors = ValidationErrors::new();
    for field in fields {
        errors.push(ValidationError::new(field.field, field.message));
    }
    Err(errors)
}

/// Maps each directory use case's error: every one is refused, invalid, or the store's answer.
macro_rules! from_directory_error {
    ($($error:ident),+ $(,)?) => {$(
        impl From<$error> for ApiError {
            fn from(error: $error) -> Self {
                match error {
                    $error::Denied(denied) => denied.into(),
                    $error::Invalid(errors) => errors.into(),
                    $error::Store(store) => store.into(),
                }
            }
        }
    )+};
}

from_directory_error!(
    ReadDirectoryError,
    CreateSpecialtyError,
    EditSpecialtyError,
    CreateOfficeError,
    EditOfficeError,
    CreateDoctorError,
    EditDoctorError,
    SetDoctorOfficesError,
    SetWorkingHoursError,
    VisitTypeError,
    SearchSlotsError,
);

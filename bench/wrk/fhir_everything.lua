-- (9) A patient's whole record through FHIR: Patient/{id}/$everything, first page of 100, as
-- the patient (a patient app's first sync).
dofile(os.getenv("BENCH_DIR") .. "/wrk/common.lua")

function request()
   local patient = pick(bench.patient_tokens)
   return get(string.format("/fhir/R4/Patient/%d/$everything?_count=100", patient.id),
      patient.token)
end

import { QUANTITY_NOTES } from '../../../../shared/template/notes/quantity.js';
import { fails, noteTable, typed } from './note-table.js';

const SYNTAX = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

noteTable('quantities', QUANTITY_NOTES, {
  parseQuantity: [
    ['{{ parseQuantity "100m" }}', typed(0.1)],
    ['{{ parseQuantity "2" }}', typed(2)],
    ['{{ parseQuantity "1Gi" }}', typed(1_073_741_824)],
    ['{{ parseQuantity "1.5k" }}', typed(1500)],
    ['{{ parseQuantity "5e-3" }}', typed(0.005)],
    ['{{ parseQuantity "-250m" }}', typed(-0.25)],
    ['{{ parseQuantity "1K" }}', fails(`parseQuantity: "1K" is not a Kubernetes quantity such as 500m, 2 or 1Gi: unable to parse quantity's suffix`)],
    ['{{ parseQuantity "1GB" }}', fails(`parseQuantity: "1GB" is not a Kubernetes quantity such as 500m, 2 or 1Gi: ${SYNTAX}`)],
    ['{{ parseQuantity "one" }}', fails(`parseQuantity: "one" is not a Kubernetes quantity such as 500m, 2 or 1Gi: ${SYNTAX}`)],
  ],
  formatQuantity: [
    ['{{ formatQuantity 0.1 }}', '100m'],
    ['{{ formatQuantity 0.5 }}', '500m'],
    ['{{ formatQuantity 1.0 }}', '1'],
    ['{{ formatQuantity 1073741824 }}', '1Gi'],
    ['{{ formatQuantity 1536 }}', '1536'],
    ['{{ formatQuantity 2.5 }}', '2500m'],
    ['{{ formatQuantity 0 }}', '0'],
    ['{{ formatQuantity (div (parseQuantity "1.5") 2) }}', '750m'],
    ['{{ formatQuantity "1Gi" }}', fails('formatQuantity: argument 1 must be a number, not string "1Gi"')],
  ],
  sumQuantity: [
    ['{{ sumQuantity "100m" "200m" }}', '300m'],
    ['{{ sumQuantity "500m" "500m" }}', '1'],
    ['{{ sumQuantity "1Gi" "512Mi" }}', '1536Mi'],
    ['{{ sumQuantity "512Mi" "512Mi" }}', '1Gi'],
    ['{{ sumQuantity "1k" "1" }}', '1001'],
    ['{{ sumQuantity "1e3" "1e3" }}', '2e3'],
    ['{{ sumQuantity "0" "1Ki" }}', '1Ki'],
    ['{{ sumQuantity "100Mi" "1G" }}', '1104857600'],
    ['{{ sumQuantity "1n" "0.1n" }}', '2n'],
    ['{{ sumQuantity "1" "1K" }}', fails(`sumQuantity: "1K" is not a Kubernetes quantity such as 500m, 2 or 1Gi: unable to parse quantity's suffix`)],
  ],
  subtractQuantity: [
    ['{{ subtractQuantity "1Gi" "512Mi" }}', '512Mi'],
    ['{{ subtractQuantity "500m" "500m" }}', '0'],
    ['{{ subtractQuantity "100m" "200m" }}', '-100m'],
    ['{{ subtractQuantity "1" "500m" }}', '500m'],
    ['{{ subtractQuantity "1Gi" 1 }}', fails('subtractQuantity: argument 2 must be a string, not int 1')],
  ],
  minusQuantity: [
    ['{{ minusQuantity "1536Mi" "512Mi" }}', '1Gi'],
    ['{{ minusQuantity "300m" "100m" }}', '200m'],
    ['{{ minusQuantity "1" "250m" }}', '750m'],
    ['{{ minusQuantity "" "1" }}', fails(`minusQuantity: "" is not a Kubernetes quantity such as 500m, 2 or 1Gi: ${SYNTAX}`)],
  ],
}, {});

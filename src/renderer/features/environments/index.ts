export { EnvironmentPicker } from './EnvironmentPicker'

import { create } from 'zustand'
import type { AppStatus } from '../../../shared/app'
import { api } from '../../app/api'

/** The latest `app.status` pushed by core. */
export const useStatus = create<{ status: AppStatus | undefined }>(() => ({ status: undefined }))

export function listenForStatus(): () => void {
  return api.on('app.status', (status) => useStatus.setState({ status }))
}
